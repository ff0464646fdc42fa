/**
 * The CNN lab's catalogue: Simplified Chinese has every English key with the same
 * placeholders, no message is empty, and numbers are formatted for the language.
 */
import { describe, expect, it } from 'vitest';
import { placeholdersOf } from '../../src/i18n/translate.ts';
import { cnnEn, cnnTranslator, cnnZhCN, type CnnMessageKey } from '../../src/ui/cnn/cnnMessages.ts';
import { datasetClasses, describeLayer } from '../../src/ui/cnn/CnnSetupPanel.tsx';
import { partTitle } from '../../src/ui/cnn/FiltersView.tsx';

const keys = Object.keys(cnnEn) as CnnMessageKey[];

describe('CNN lab messages', () => {
  it('zh-CN has exactly the English keys, each with the same placeholders', () => {
    expect(Object.keys(cnnZhCN).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(placeholdersOf(cnnZhCN[key]).sort(), key).toEqual(placeholdersOf(cnnEn[key]).sort());
      expect(cnnZhCN[key].trim(), key).not.toBe('');
    }
  });

  it('fills placeholders, grouping whole numbers for the language', () => {
    expect(cnnTranslator('en')('cnn.probe.range', { count: 2000 })).toBe('1 to 2,000');
    expect(cnnTranslator('zh-CN')('cnn.probe.range', { count: 2000 })).toBe('1 到 2,000');
    expect(cnnTranslator('en')('cnn.filters.tile', { run: 'SGD', layer: 'conv1', n: 3 })).toBe(
      'SGD, conv1 filter 3',
    );
  });

  it('names layers, parts and shapes in the language', () => {
    const zh = cnnTranslator('zh-CN');
    const conv = { type: 'conv', filters: 8, size: 5, stride: 1, pad: 2 } as const;
    const summary = {
      name: 'conv1',
      type: 'conv',
      output: { height: 28, width: 28, channels: 8 },
      parameters: 208,
      macs: 0,
    } as const;
    expect(describeLayer(conv, summary)).toBe('5×5 conv, 8 filters, pad 2');
    expect(describeLayer(conv, summary, zh)).toBe('5×5 卷积，8 个卷积核，填充 2');
    expect(partTitle(zh, 'v')).toBe('二阶矩 v');
    expect(partTitle(zh, 'unknownState')).toBe('unknownState');
    expect(datasetClasses('shapes', zh)[7]).toBe('圆环');
    expect(datasetClasses('mnist', zh)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });
});
