#!/usr/bin/env python3
"""
Writes test/fixtures/pytorch-trajectories.json: optimizer trajectories computed by PyTorch
itself (torch.optim and torch.optim.lr_scheduler, float64, gradients by autograd), which
test/unit/optimizers.pytorch.test.ts replays through Descent Lab's core.

Every case is stated in the app's experiment format (camelCase optimizer and schedule
configs); this script translates it to PyTorch. The classic momentum form (v <- gamma v + eta g,
theta <- theta - v) is not PyTorch's; it is computed here with torch.optim.SGD at lr = 1 fed the
gradient eta_t * g, which is the same recurrence with the learning rate inside the velocity.

Run it with Debian's python3-torch (apt-get install python3-torch):
    /usr/bin/python3 scripts/pytorch-reference.py
CI does not need PyTorch: the JSON is committed.
"""
import json
import math
import os
import sys

import torch

torch.set_default_dtype(torch.float64)

OUT = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'pytorch-trajectories.json')

# The two surfaces, written from their formulas (autograd differentiates them).
SURFACES = {
    'rosenbrock': lambda x, y: (1 - x) ** 2 + 100 * (y - x * x) ** 2,
    'himmelblau': lambda x, y: (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
}
STARTS = {'rosenbrock': [-1.5, 2.0], 'himmelblau': [1.0, 1.0]}

# PyTorch's name for each state tensor, under the app's name.
STATE_NAMES = {
    'momentum': {'velocity': 'momentum_buffer'},
    'adagrad': {'sum': 'sum'},
    'rmsprop': {'squareAvg': 'square_avg', 'gradAvg': 'grad_avg', 'momentumBuffer': 'momentum_buffer'},
    'adam': {'m': 'exp_avg', 'v': 'exp_avg_sq', 'vMax': 'max_exp_avg_sq'},
    'adamw': {'m': 'exp_avg', 'v': 'exp_avg_sq', 'vMax': 'max_exp_avg_sq'},
    'adadelta': {'squareAvg': 'square_avg', 'accDelta': 'acc_delta'},
    'sgd': {},
}


def make_optimizer(config, params):
    kind = config['kind']
    lr = config['lr']
    wd = config.get('weightDecay', 0.0)
    if kind == 'sgd':
        return torch.optim.SGD(params, lr=lr, weight_decay=wd)
    if kind == 'momentum':
        if config.get('form') == 'classic':
            # v <- mu v + (1 - d) (eta g): SGD at lr 1 on the gradient eta * (grad f + lambda theta).
            return torch.optim.SGD(params, lr=1.0, momentum=config['momentum'],
                                   dampening=config.get('dampening', 0.0),
                                   nesterov=config.get('nesterov', False))
        return torch.optim.SGD(params, lr=lr, momentum=config['momentum'],
                               dampening=config.get('dampening', 0.0),
                               nesterov=config.get('nesterov', False), weight_decay=wd)
    if kind == 'adagrad':
        return torch.optim.Adagrad(params, lr=lr, lr_decay=config.get('lrDecay', 0.0),
                                   initial_accumulator_value=config.get('initialAccumulator', 0.0),
                                   eps=config.get('eps', 1e-10), weight_decay=wd)
    if kind == 'rmsprop':
        return torch.optim.RMSprop(params, lr=lr, alpha=config.get('alpha', 0.99),
                                   eps=config.get('eps', 1e-8), momentum=config.get('momentum', 0.0),
                                   centered=config.get('centered', False), weight_decay=wd)
    if kind == 'adam':
        return torch.optim.Adam(params, lr=lr, betas=(config.get('beta1', 0.9), config.get('beta2', 0.999)),
                                eps=config.get('eps', 1e-8), weight_decay=wd,
                                amsgrad=config.get('amsgrad', False))
    if kind == 'adamw':
        return torch.optim.AdamW(params, lr=lr, betas=(config.get('beta1', 0.9), config.get('beta2', 0.999)),
                                 eps=config.get('eps', 1e-8), weight_decay=config.get('weightDecay', 1e-2),
                                 amsgrad=config.get('amsgrad', False))
    if kind == 'adadelta':
        return torch.optim.Adadelta(params, lr=lr, rho=config.get('rho', 0.9),
                                    eps=config.get('eps', 1e-6), weight_decay=wd)
    raise ValueError(kind)


def make_scheduler(schedule, optimizer):
    """PyTorch's scheduler for the app's schedule, or None for a constant rate."""
    S = torch.optim.lr_scheduler
    kind = schedule['kind']
    if kind == 'constant':
        main = None
    elif kind == 'step':
        main = S.StepLR(optimizer, step_size=schedule['stepSize'], gamma=schedule['gamma'])
    elif kind == 'exponential':
        main = S.ExponentialLR(optimizer, gamma=schedule['gamma'])
    elif kind == 'cosine':
        main = S.CosineAnnealingLR(optimizer, T_max=schedule['tMax'], eta_min=schedule.get('etaMin', 0.0))
    elif kind == 'inverseTime':
        rate = schedule['decayRate']
        main = S.LambdaLR(optimizer, lambda t: 1 / (1 + rate * t))
    else:
        raise ValueError(kind)
    warmup = schedule.get('warmupSteps', 0)
    if warmup == 0:
        return main
    linear = S.LinearLR(optimizer, start_factor=schedule.get('warmupStartFactor', 0.1),
                        end_factor=1.0, total_iters=warmup)
    # Both are multiplicative on the group's rate, so chaining them multiplies the factors.
    return linear if main is None else S.ChainedScheduler([linear, main])


def trajectory(case):
    surface = SURFACES[case['surface']]
    config = case['optimizer']
    schedule = case.get('schedule', {'kind': 'constant'})
    theta = torch.tensor(case['start'], requires_grad=True)
    optimizer = make_optimizer(config, [theta])
    classic = config['kind'] == 'momentum' and config.get('form') == 'classic'
    # The classic form's rate is applied to the gradient (classic_rate), not to the group.
    scheduler = None if classic else make_scheduler(schedule, optimizer)
    change = case.get('lrChange')
    params, rates = [], []
    for t in range(case['steps'] + 1):
        if change is not None and t == change['step']:
            # A live change of the base rate under a constant schedule: eta_t = the new rate from here.
            for group in optimizer.param_groups:
                group['lr'] = change['lr'] if not classic else 1.0
            config = {**config, 'lr': change['lr']}
        optimizer.zero_grad()
        loss = surface(theta[0], theta[1])
        loss.backward()
        eta = optimizer.param_groups[0]['lr'] if not classic else classic_rate(case, config, t)
        params.append(theta.detach().tolist())
        rates.append(eta)
        if t == case['steps']:
            break
        if classic:
            with torch.no_grad():
                theta.grad.add_(theta, alpha=config.get('weightDecay', 0.0)).mul_(eta)
        optimizer.step()
        if scheduler is not None:
            scheduler.step()
    state = optimizer.state[theta]
    names = STATE_NAMES[config['kind']]
    final_state = {app: state[torch_name].tolist() for app, torch_name in names.items() if torch_name in state}
    # theta_t for t = 0..steps; eta_t only where it varies; the state after the last update.
    varying = change is not None or schedule['kind'] != 'constant' or schedule.get('warmupSteps', 0) > 0
    return {'params': params, **({'lr': rates} if varying else {}), 'state': final_state}


def classic_rate(case, config, t):
    """eta_t for the classic form, computed by PyTorch's scheduler on a shadow optimizer."""
    shadow = case.setdefault('_shadow', {})
    if 'rates' not in shadow:
        schedule = case.get('schedule', {'kind': 'constant'})
        dummy = torch.zeros(1, requires_grad=True)
        opt = torch.optim.SGD([dummy], lr=case['optimizer']['lr'])
        scheduler = make_scheduler(schedule, opt)
        rates = []
        change = case.get('lrChange')
        for s in range(case['steps'] + 1):
            if change is not None and s == change['step']:
                opt.param_groups[0]['lr'] = change['lr']
            rates.append(opt.param_groups[0]['lr'])
            opt.step()
            if scheduler is not None:
                scheduler.step()
        shadow['rates'] = rates
    return shadow['rates'][t]


def schedule_rates(schedule, lr, steps):
    dummy = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([dummy], lr=lr)
    scheduler = make_scheduler(schedule, optimizer)
    rates = []
    for _ in range(steps + 1):
        rates.append(optimizer.param_groups[0]['lr'])
        optimizer.step()
        scheduler.step()
    return rates


def momentum(lr, **extra):
    return {'kind': 'momentum', 'lr': lr, 'momentum': 0.9, 'form': 'pytorch', **extra}


# Learning rates keep every run finite and moving over its steps (Rosenbrock's Hessian at the
# start has a largest eigenvalue near 2 000, so plain steps stay below 1e-3).
OPTIMIZERS = {
    'rosenbrock': [
        {'kind': 'sgd', 'lr': 5e-4},
        {'kind': 'sgd', 'lr': 5e-4, 'weightDecay': 0.1},
        momentum(2e-4),
        momentum(2e-4, dampening=0.3, weightDecay=0.05),
        momentum(2e-4, nesterov=True),
        momentum(2e-4, nesterov=True, weightDecay=0.05),
        {'kind': 'adagrad', 'lr': 0.3},
        {'kind': 'adagrad', 'lr': 0.3, 'lrDecay': 0.05, 'initialAccumulator': 0.5, 'weightDecay': 0.01},
        {'kind': 'rmsprop', 'lr': 0.01},
        {'kind': 'rmsprop', 'lr': 0.01, 'centered': True},
        {'kind': 'rmsprop', 'lr': 0.002, 'momentum': 0.5},
        {'kind': 'rmsprop', 'lr': 0.002, 'alpha': 0.9, 'centered': True, 'momentum': 0.5, 'weightDecay': 0.01},
        {'kind': 'adam', 'lr': 0.05},
        {'kind': 'adam', 'lr': 0.05, 'amsgrad': True},
        {'kind': 'adam', 'lr': 0.05, 'beta1': 0.8, 'beta2': 0.99, 'weightDecay': 0.1},
        {'kind': 'adamw', 'lr': 0.05, 'weightDecay': 0.1},
        {'kind': 'adamw', 'lr': 0.05, 'weightDecay': 0.1, 'amsgrad': True},
        {'kind': 'adadelta', 'lr': 1.0},
        {'kind': 'adadelta', 'lr': 0.5, 'rho': 0.8, 'eps': 1e-4, 'weightDecay': 0.01},
    ],
    'himmelblau': [
        {'kind': 'sgd', 'lr': 0.005},
        momentum(0.002, nesterov=True),
        momentum(0.002, dampening=0.5),
        {'kind': 'adagrad', 'lr': 0.5, 'lrDecay': 0.1},
        {'kind': 'rmsprop', 'lr': 0.01, 'centered': True, 'momentum': 0.3},
        {'kind': 'adam', 'lr': 0.1, 'amsgrad': True},
        {'kind': 'adamw', 'lr': 0.1, 'weightDecay': 0.5},
        {'kind': 'adadelta', 'lr': 2.0, 'weightDecay': 0.1},
    ],
}

SCHEDULES = [
    {'kind': 'step', 'stepSize': 7, 'gamma': 0.5},
    {'kind': 'exponential', 'gamma': 0.93},
    {'kind': 'cosine', 'tMax': 12, 'etaMin': 0.001},
    {'kind': 'inverseTime', 'decayRate': 0.2},
    {'kind': 'constant', 'warmupSteps': 10, 'warmupStartFactor': 0.25},
    {'kind': 'exponential', 'gamma': 0.95, 'warmupSteps': 8, 'warmupStartFactor': 0.1},
    {'kind': 'step', 'stepSize': 5, 'gamma': 0.7, 'warmupSteps': 6, 'warmupStartFactor': 0.5},
    {'kind': 'cosine', 'tMax': 30, 'etaMin': 0.0, 'warmupSteps': 5, 'warmupStartFactor': 0.2},
]


def main():
    cases = []
    for surface, configs in OPTIMIZERS.items():
        for config in configs:
            cases.append({'surface': surface, 'start': STARTS[surface],
                          'steps': 20 if surface == 'rosenbrock' else 12, 'optimizer': config})
    # Each schedule drives Adam (rate-sensitive everywhere) and the classic momentum form.
    for schedule in SCHEDULES:
        cases.append({'surface': 'rosenbrock', 'start': STARTS['rosenbrock'], 'steps': 20,
                      'optimizer': {'kind': 'adam', 'lr': 0.05}, 'schedule': schedule})
    for schedule in SCHEDULES[:3]:
        cases.append({'surface': 'rosenbrock', 'start': STARTS['rosenbrock'], 'steps': 20,
                      'optimizer': {**momentum(2e-4), 'form': 'classic'}, 'schedule': schedule})
    # A live learning-rate change at step 8 (constant schedule): both momentum forms, SGD, Adam.
    change = {'step': 8, 'lr': 5e-4}
    for config in [momentum(2e-4), {**momentum(2e-4), 'form': 'classic'},
                   {**momentum(2e-4, nesterov=True, weightDecay=0.05), 'form': 'classic'},
                   {'kind': 'sgd', 'lr': 2e-4}, {'kind': 'adam', 'lr': 0.02}]:
        cases.append({'surface': 'rosenbrock', 'start': STARTS['rosenbrock'], 'steps': 20,
                      'optimizer': config, 'lrChange': change})
    for case in cases:
        case.update(trajectory(case))
        case.pop('_shadow', None)
    # Each schedule's rates alone, long enough to pass cosine's tMax into its second period.
    rates = [{'schedule': s, 'lr': 0.1, 'rates': schedule_rates(s, 0.1, 40)} for s in SCHEDULES]
    fixture = {
        'generator': 'scripts/pytorch-reference.py',
        'torch': torch.__version__,
        'python': sys.version.split()[0],
        'dtype': 'float64',
        'cases': cases,
        'schedules': rates,
    }
    with open(OUT, 'w') as out:
        json.dump(fixture, out, separators=(',', ':'))
        out.write('\n')
    print(f'{OUT}: {len(cases)} trajectories, {len(rates)} schedules, torch {torch.__version__}')


if __name__ == '__main__':
    main()
