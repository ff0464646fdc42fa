/** Lesson 11: what a convnet computes — convolution, pooling, the dense layer (seed §1.2). */
import type { Lesson } from '../lesson.ts';
import { mnistOneNet } from './cnnExperiments.ts';
import { choice, text } from './text.ts';

const net = { ...mnistOneNet, runs: [{ ...mnistOneNet.runs[0]!, label: 'SGD' }] };

export const convnetBasics: Lesson = {
  id: 'convnet-basics',
  title: text('What a convnet computes', '卷积网络计算什么'),
  summary: text(
    'Convolution, pooling and the dense layer on handwritten digits: what each layer computes, and which of them learn.',
    '在手写数字上看卷积、池化和全连接层：每一层计算什么，哪些层在学习。',
  ),
  steps: [
    {
      id: 'layers',
      prediction: choice(
        text(
          'Chance is 10 %. After 200 steps on batches of 5 (1,000 digits seen), what held-out accuracy will this network of 2,074 parameters reach?',
          '随机猜的准确率是 10%。在大小为 5 的批量上训练 200 步（共看过 1,000 个数字）之后，这个只有 2,074 个参数的网络在留出集上的准确率能达到多少？',
        ),
        [
          ['low', 'below 30 %', '低于 30%', { kind: 'accuracyBelow', run: 'SGD', threshold: 0.3 }],
          [
            'middle',
            '30 % to 70 %',
            '30% 到 70%',
            {
              kind: 'all',
              of: [
                { kind: 'accuracyAbove', run: 'SGD', threshold: 0.3 },
                { kind: 'accuracyBelow', run: 'SGD', threshold: 0.7 },
              ],
            },
          ],
          ['high', 'above 70 %', '高于 70%', { kind: 'accuracyAbove', run: 'SGD', threshold: 0.7 }],
        ],
      ),
      title: text('Convolution, pooling, fully connected', '卷积、池化、全连接'),
      narration: text(
        'The strip above the charts is the network this lesson trains on handwritten digits, layer by layer; click a layer to see what it computes on the probe image.\n\nConvolution: each of 4 kernels of 5×5 weights slides over the 28×28 image two pixels at a time (stride 2), with a border of 2 zero pixels. At each position it multiplies the kernel with the patch under it and adds the products and a bias: one 14×14 feature map per kernel, since $\\lfloor (28 + 2 \\cdot 2 - 5)/2 \\rfloor + 1 = 14$. ReLU then sets the negative values to zero.\n\nMax-pooling keeps the largest value of each 2×2 window: 4 maps of 7×7. The fully connected (dense) layer scores each of the 10 digits from all $4 \\cdot 7 \\cdot 7 = 196$ values, and softmax turns the scores into probabilities.\n\nParameters: the convolution has $4 \\cdot 5 \\cdot 5 + 4 = 104$, the dense layer $196 \\cdot 10 + 10 = 1970$, 2,074 in all.',
        '图表上方的条带就是本课在手写数字上训练的网络，一层一层排开；点击某一层，可以看到它在探测图像上计算什么。\n\n卷积：4 个 5×5 的卷积核在 28×28 的图像上滑动，每次移动两个像素（步幅 2），图像四周补 2 圈零。在每个位置，卷积核与它覆盖的图块逐元素相乘，乘积相加再加上偏置：每个卷积核得到一张 14×14 的特征图，因为 $\\lfloor (28 + 2 \\cdot 2 - 5)/2 \\rfloor + 1 = 14$。随后 ReLU 把负值置为零。\n\n最大池化在每个 2×2 窗口中只保留最大值：得到 4 张 7×7 的特征图。全连接层用全部 $4 \\cdot 7 \\cdot 7 = 196$ 个值为 10 个数字各打一个分，softmax 再把分数变成概率。\n\n参数个数：卷积层 $4 \\cdot 5 \\cdot 5 + 4 = 104$ 个，全连接层 $196 \\cdot 10 + 10 = 1970$ 个，共 2,074 个。',
      ),
      task: text(
        'Predict the accuracy, then press Play and watch the held-out accuracy curve.',
        '先预测准确率，然后按“播放”，观察留出集准确率曲线。',
      ),
      experiment: net,
      checkpoint: { kind: 'accuracyAbove', run: 'SGD', threshold: 0.7 },
      goal: text('“SGD” reaches 70 % held-out accuracy.', '“SGD”的留出集准确率达到 70%。'),
      explanation: text(
        'After seeing 1,000 digits once, 2,074 numbers label more than 70 % of 500 digits the network has never seen. η is cut tenfold at step 100; the last lesson shows why that helps.',
        '只看过 1,000 个数字一遍，这 2,074 个数就能把 500 个从未见过的数字中 70% 以上认对。η 在第 100 步降为十分之一；最后一课会说明这样做为什么有帮助。',
      ),
    },
    {
      id: 'what-learns',
      title: text('What learns, and what does not', '哪些层在学习，哪些不学习'),
      narration: text(
        'Open the Filters tab: the four 5×5 kernels start as random noise and change as training goes on; the change view shows what training has added since a chosen step. The Probe tab shows the feature maps of one digit: each map is bright where its kernel’s pattern lies in the image.\n\nThe seed article lists convolution, pooling and fully connected layers side by side as the CNN’s components. For gradient descent they are not alike: only the convolution kernels and the dense weights, with their biases, are parameters. Pooling and ReLU have nothing to learn, and max-pooling passes the gradient back only to the largest value of each pooling region. The Per-layer norms tab shows exactly four tensors.',
        '打开“卷积核”标签页：四个 5×5 的卷积核从随机噪声开始，随着训练不断变化；“变化量”视图显示自某一步以来训练给它们加上了什么。“探测图像与特征图”标签页显示一个数字的特征图：图像中哪里有卷积核对应的图案，特征图的哪里就亮。\n\n种子文章把卷积层、池化层和全连接层并列为 CNN 的组成部分。但对梯度下降来说它们并不一样：只有卷积核和全连接层的权重（连同各自的偏置）是参数。池化和 ReLU 没有可学习的东西，最大池化只把梯度传回每个窗口中的最大值。“各层范数”标签页里正好只有四个张量。',
      ),
      task: text(
        'Let the run finish, then open the Filters tab and the Per-layer norms tab.',
        '让运行跑完，然后打开“卷积核”和“各层范数”标签页。',
      ),
      experiment: net,
      checkpoint: { kind: 'finished', run: 'SGD' },
      goal: text('“SGD” finishes its 200 steps.', '“SGD”跑完 200 步。'),
      explanation: text(
        'Every change you saw is gradient descent on 2,074 numbers: the kernels (conv1.weight, conv1.bias) and the dense layer (dense.weight, dense.bias). The pooling layer shapes the gradient that reaches the kernels, but has no weights of its own to update.',
        '你看到的一切变化都是对这 2,074 个数做的梯度下降：卷积核（conv1.weight、conv1.bias）和全连接层（dense.weight、dense.bias）。池化层决定了传到卷积核的梯度是什么样子，但它自己没有需要更新的权重。',
      ),
    },
  ],
};
