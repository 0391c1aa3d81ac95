"""Slider-move latency in a real kernel: ScheduleExplorer vs ipywidgets.interact + pyplot."""

import statistics

from benchmarks import Result
from benchmarks.kernel import execute, execute_json, running_kernel

GOAL_RATIO = 0.5

SETUP = r"""
%matplotlib inline
import json, math, statistics, time
import ipywidgets as widgets
import matplotlib.pyplot as plt
from course_utils import explorers, torch_traces

def cosine_lr(step, total_steps, max_lr=1e-3, min_lr=1e-6):
    progress = min(step, total_steps) / total_steps
    return min_lr + (max_lr - min_lr) * (1 + math.cos(math.pi * progress)) / 2

def make_sliders():
    return {
        "total_steps": explorers.int_slider("total_steps", 100, 10, 1000, 10),
        "max_lr": explorers.log_slider("max_lr", 1e-3, -5, 0),
        "min_lr": explorers.log_slider("min_lr", 1e-6, -8, -2),
    }

def naive_explorer():
    # What `interact` + plt.plot gives: a fresh pyplot figure per move, shown via the inline
    # backend inside interact's Output widget. Same curves, size, dpi and styling as ours.
    def draw(total_steps, max_lr, min_lr):
        xs = list(range(total_steps + 1))
        torch_ys = torch_traces.cosine_trace(total_steps, max_lr, min_lr)
        mine = [cosine_lr(s, total_steps, max_lr, min_lr) for s in xs]
        fig, ax = plt.subplots(figsize=(6.4, 3.6), dpi=100, layout="constrained")
        ax.plot(xs, torch_ys, label="torch CosineAnnealingLR", lw=2.5, alpha=0.6)
        ax.plot(xs, mine, "--", label="your cosine_lr", lw=1.5)
        ax.set(title="Cosine annealing", xlabel="step", ylabel="lr")
        ax.grid(True, alpha=0.3)
        ax.legend(loc="best", fontsize="small")
        plt.show()
    return widgets.interactive(draw, **make_sliders())

def naive_sliders(w):
    return {c.description: c for c in w.children if hasattr(c, "description")}

def time_moves(slider, values):
    times = []
    for value in values:
        start = time.perf_counter()
        slider.value = value
        times.append(time.perf_counter() - start)
    return times
"""

SCENARIO = r"""
values = {values!r}
name = {name!r}
for v in values:  # warm the torch-trace cache: we time drawing, not torch
    p = dict(total_steps=100, max_lr=1e-3, min_lr=1e-6); p[name] = v
    torch_traces.cosine_trace(p["total_steps"], p["max_lr"], p["min_lr"])
ours, unblitted, naive, full_draws = [], [], [], 0
for _ in range({rounds}):
    ex = explorers.cosine_explorer(cosine_lr)
    before = ex.full_draw_count
    ours += time_moves(ex.sliders[name], values)
    full_draws += ex.full_draw_count - before
    ex2 = explorers.cosine_explorer(cosine_lr)
    ex2.blit = False
    unblitted += time_moves(ex2.sliders[name], values)
    w = naive_explorer()
    naive += time_moves(naive_sliders(w)[name], values)
    plt.close("all")
print(json.dumps(dict(ours=ours, unblitted=unblitted, naive=naive, full_draws=full_draws,
                      png_bytes=len(ex.last_png), moves=len(ours))))
"""


def add_arguments(parser) -> None:
    parser.add_argument(
        "--moves", type=int, default=40, help="slider moves per drag (explorer_latency)"
    )


def _drags(moves: int) -> dict[str, list]:
    return {
        "max_lr": [1e-3 * 10 ** (i / moves) for i in range(1, moves + 1)],  # 1e-3 -> 1e-2
        "total_steps": [100 + 10 * i for i in range(1, moves + 1)],  # 110 -> 100 + 10·moves
    }


def run(options) -> list[Result]:
    """Median seconds per slider move, measured inside a python3 kernel."""
    moves = 10 if options.quick else getattr(options, "moves", 40)
    rounds = 1 if options.quick else 3
    results = []
    with running_kernel() as client:
        execute(client, SETUP)
        for name, values in _drags(moves).items():
            code = SCENARIO.format(values=values, name=name, rounds=rounds)
            data = execute_json(client, code)
            ours_ms = 1e3 * statistics.median(data["ours"])
            unblitted_ms = 1e3 * statistics.median(data["unblitted"])
            naive_ms = 1e3 * statistics.median(data["naive"])
            results.append(Result(
                f"explorer move: drag {name}", ours_ms, naive_ms, "ms/move", GOAL_RATIO,
                f"median of {data['moves']} moves; {data['full_draws']} full redraws, "
                f"rest blitted; PNG {data['png_bytes'] // 1024} KiB",
            ))
            results.append(Result(
                f"  same, without blitting ({name})", unblitted_ms, naive_ms, "ms/move", None,
                "ours with blit=False: what blitting saves",
            ))
    return results
