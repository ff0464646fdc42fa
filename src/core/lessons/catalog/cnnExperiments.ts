/**
 * The MNIST experiments of the convnet lessons, as the CNN lab's examples ship them
 * (public/examples/mnist-step-decay.json, mnist-warmup.json): the small net conv 5×5×4
 * stride 2 → ReLU → max-pool 2 → dense 10 on 2,000 training and 500 held-out digits.
 */
export const smallNet = (evalEvery: number, trainSize = 2000, testSize = 500) => ({
  kind: 'cnn',
  dataset: 'mnist',
  trainSize,
  testSize,
  evalEvery,
  architecture: {
    input: [28, 28, 1],
    layers: [
      { type: 'conv', filters: 4, size: 5, stride: 2, pad: 2 },
      { type: 'relu' },
      { type: 'maxPool', size: 2, stride: 2 },
    ],
  },
});

/** SGD at η = 0.3 on batches of 5, with η cut tenfold at step 100 or kept constant. */
export const stepDecayRun = {
  label: 'step decay',
  batchSize: 5,
  optimizer: { kind: 'sgd', lr: 0.3 },
  schedule: { kind: 'step', stepSize: 100, gamma: 0.1 },
};

export const mnistStepDecay = {
  problem: smallNet(20),
  steps: 200,
  seed: 1,
  runs: [{ label: 'constant η', batchSize: 5, optimizer: { kind: 'sgd', lr: 0.3 } }, stepDecayRun],
};

/** Adam at η = 0.1 on batches of 20, with and without 40 steps of linear warm-up from 5 %. */
export const mnistWarmup = {
  problem: smallNet(50),
  steps: 150,
  seed: 1,
  runs: [
    { label: 'no warm-up', batchSize: 20, optimizer: { kind: 'adam', lr: 0.1 } },
    {
      label: 'warm-up',
      batchSize: 20,
      optimizer: { kind: 'adam', lr: 0.1 },
      schedule: { kind: 'constant', warmupSteps: 40, warmupStartFactor: 0.05 },
    },
  ],
};

/** One run of the small net, to look inside. */
export const mnistOneNet = { ...mnistStepDecay, runs: [stepDecayRun] };
