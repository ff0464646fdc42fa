/** Architecture specs: defaults, shape checks and messages that name the field. */
import { describe, expect, it } from 'vitest';
import {
  ArchitectureError,
  DEFAULT_ARCHITECTURE,
  SMALL_ARCHITECTURE,
  checkArchitecture,
  summarizeArchitecture,
  validateArchitecture,
} from '../../src/core/cnn/architecture.ts';
import { validateExperiment } from '../../src/core/config/validate.ts';
import { configIssueReason } from '../../src/i18n/domain.ts';
import { translator } from '../../src/i18n/translate.ts';

const en = translator('en');

function issues(raw: unknown): string[] {
  const checked = checkArchitecture(raw, 'architecture');
  return checked.ok ? [] : checked.issues.map((i) => `${i.path}: ${configIssueReason(i, en)}`);
}

describe('checkArchitecture', () => {
  it('fills PyTorch’s defaults: conv stride 1 and padding 0, pooling stride = size, slope 0.01', () => {
    const spec = validateArchitecture({
      layers: [
        { type: 'conv', filters: 4, size: 3 },
        { type: 'leakyRelu' },
        { type: 'maxPool', size: 2 },
      ],
    });
    expect(spec).toEqual({
      input: [28, 28, 1],
      layers: [
        { type: 'conv', filters: 4, size: 3, stride: 1, pad: 0 },
        { type: 'leakyRelu', slope: 0.01 },
        { type: 'maxPool', size: 2, stride: 2 },
      ],
    });
  });

  it('accepts the default and the small architecture as written', () => {
    expect(validateArchitecture(JSON.parse(JSON.stringify(DEFAULT_ARCHITECTURE)))).toEqual(
      DEFAULT_ARCHITECTURE,
    );
    expect(validateArchitecture(JSON.parse(JSON.stringify(SMALL_ARCHITECTURE)))).toEqual(
      SMALL_ARCHITECTURE,
    );
  });

  it('names the layer and field of a kernel that does not fit', () => {
    // 28 → max-pool 4 → 7×7; a 9×9 kernel without padding does not fit in 7×7.
    expect(
      issues({
        layers: [
          { type: 'maxPool', size: 4 },
          { type: 'conv', filters: 2, size: 9 },
        ],
      }),
    ).toEqual(['architecture.layers[1].size: kernel 9 does not fit the 7×7 input with padding 0']);
  });

  it('names a pooling window that does not fit', () => {
    // 28 → 7 → ⌊(7 − 3)/3⌋ + 1 = 2; a 3×3 window does not fit 2×2.
    expect(
      issues({
        layers: [
          { type: 'maxPool', size: 4 },
          { type: 'maxPool', size: 3 },
          { type: 'avgPool', size: 3 },
        ],
      }),
    ).toEqual(['architecture.layers[2].size: pooling window 3 does not fit the 2×2 input']);
  });

  it('reports bad types, missing and out-of-range fields, and unknown fields, each by path', () => {
    expect(
      issues({
        layers: [
          { type: 'softmax' },
          { type: 'conv', size: 5 },
          { type: 'conv', filters: 65, size: 2.5, stride: 0 },
          { type: 'relu', size: 3 },
          { type: 'leakyRelu', slope: 1 },
          'relu',
        ],
        extra: true,
      }),
    ).toEqual([
      'architecture.layers[0].type: must be one of: conv, relu, tanh, leakyRelu, maxPool, avgPool, flatten, dense (got "softmax")',
      'architecture.layers[1].filters: must be an integer from 1 to 64 (got nothing)',
      'architecture.layers[2].filters: must be an integer from 1 to 64 (got 65)',
      'architecture.layers[2].size: must be an integer from 1 to 11 (got 2.5)',
      'architecture.layers[2].stride: must be an integer from 1 to 8 (got 0)',
      'architecture.layers[3].size: unknown field for a relu layer (expected one of: type)',
      'architecture.layers[4].slope: must be ≥ 0 and < 1 (got 1)',
      'architecture.layers[5]: must be a layer object like {"type": "relu"} (got "relu")',
      'architecture.extra: unknown field (expected one of: input, layers)',
    ]);
  });

  it('rejects another input shape, a missing layer list, too many layers and too large a net', () => {
    expect(issues({ input: [32, 32, 3], layers: [] })).toEqual([
      'architecture.input: must be [28, 28, 1]: both data sets are 28×28 grayscale images (got an array of 3)',
    ]);
    expect(issues({})).toEqual(['architecture.layers: must be an array of layers (got nothing)']);
    expect(issues(null)).toEqual(['architecture: must be an object with "layers" (got null)']);
    expect(issues({ layers: Array.from({ length: 17 }, () => ({ type: 'relu' })) })).toEqual([
      'architecture.layers: at most 16 layers (got 17)',
    ]);
    // conv 5×5×64 then conv 7×7×64 at 28×28: 28²·64·25 + 28²·64·(64·49) = 158,606,336.
    expect(
      issues({
        layers: [
          { type: 'conv', filters: 64, size: 5, pad: 2 },
          { type: 'conv', filters: 64, size: 7, pad: 3 },
        ],
      }),
    ).toEqual([
      'architecture.layers: the network needs 158,606,336 multiply-adds per image, more than 50,000,000',
    ]);
    // An 11×11 kernel over 64 channels at 28×28: 784 rows × 7,744 values in its im2col matrix.
    expect(
      issues({
        layers: [
          { type: 'conv', filters: 64, size: 11, pad: 5 },
          { type: 'conv', filters: 64, size: 11, pad: 5 },
        ],
      }),
    ).toEqual([
      "architecture.layers[1]: this convolution's im2col matrix has 6,071,296 values, more than 4,000,000",
    ]);
  });

  it('throws an ArchitectureError listing every issue', () => {
    expect(() => validateArchitecture({ layers: [{ type: 'dense' }] }, 'spec')).toThrow(
      ArchitectureError,
    );
    expect(() => validateArchitecture({ layers: [{ type: 'dense' }] }, 'spec')).toThrow(
      'spec.layers[0].units: integerRange',
    );
  });

  it('reaches experiment validation with the full field path', () => {
    const result = validateExperiment({
      problem: {
        kind: 'cnn',
        architecture: {
          layers: [
            { type: 'maxPool', size: 4 },
            { type: 'conv', filters: 2, size: 9 },
          ],
        },
      },
      steps: 10,
      runs: [{ label: 'sgd', optimizer: { kind: 'sgd', lr: 0.01 } }],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues).toContainEqual({
        path: 'problem.architecture.layers[1].size',
        code: 'kernelTooLarge',
        params: { size: 9, height: 7, width: 7, pad: 0 },
      });
    }
  });
});

describe('summarizeArchitecture', () => {
  it('gives the classic net’s shapes, 5,994 parameters and 0.79 M multiply-adds', () => {
    const summary = summarizeArchitecture(DEFAULT_ARCHITECTURE, 10);
    expect(
      summary.map((l) => [l.name, l.output.height, l.output.width, l.output.channels]),
    ).toEqual([
      ['conv1', 28, 28, 8], // (28 + 4 − 5)/1 + 1 = 28
      ['relu1', 28, 28, 8],
      ['maxPool1', 14, 14, 8],
      ['conv2', 14, 14, 16],
      ['relu2', 14, 14, 16],
      ['maxPool2', 4, 4, 16], // ⌊(14 − 3)/3⌋ + 1 = 4
      ['dense', 1, 1, 10],
    ]);
    // conv1: 8·(5·5·1 + 1) = 208; conv2: 16·(5·5·8 + 1) = 3216; dense: 10·(4·4·16 + 1) = 2570.
    expect(summary.map((l) => l.parameters)).toEqual([208, 0, 0, 3216, 0, 0, 2570]);
    // conv1: 28·28·8·25 = 156,800; conv2: 14·14·16·200 = 627,200; dense: 10·256 = 2,560.
    expect(summary.map((l) => l.macs)).toEqual([156_800, 0, 0, 627_200, 0, 0, 2_560]);
  });

  it('numbers hidden dense layers and puts the output layer last', () => {
    const spec = validateArchitecture({
      layers: [{ type: 'flatten' }, { type: 'dense', units: 32 }, { type: 'tanh' }],
    });
    expect(summarizeArchitecture(spec, 8).map((l) => l.name)).toEqual([
      'flatten1',
      'dense1',
      'tanh1',
      'dense2',
    ]);
  });
});
