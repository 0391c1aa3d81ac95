"""The notebooks that train pass nbval under every CPU kernel torch can pick on this machine.

torch chooses its vectorised kernels by instruction set (ATEN_CPU_CAPABILITY: default, avx2,
avx512 on x86), so float training results differ between machines in the last bits, and a high
learning rate amplifies them. Here the training notebooks run under the plain `default` kernel,
the machine's best one and, on an AVX-512 machine, `avx2` too: their stored outputs must still
match and the claims they assert in code must still hold.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_notebooks import CELL_TIMEOUT, NBVAL_ARGS, SOLUTIONS

pytestmark = pytest.mark.notebooks

TRAINS = re.compile(r"\bcourse_utils\.training\b")  # the notebooks that train real models
TRAINING_NOTEBOOKS = [path for path in SOLUTIONS if TRAINS.search(path.read_text("utf-8"))]
PROBE = "import torch; print(torch.backends.cpu.get_cpu_capability())"


def capability(env_value: str | None) -> str:
    """torch's kernel in a fresh process with ATEN_CPU_CAPABILITY=env_value (None: unset)."""
    env = {key: value for key, value in os.environ.items() if key != "ATEN_CPU_CAPABILITY"}
    if env_value is not None:
        env["ATEN_CPU_CAPABILITY"] = env_value
    result = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                            text=True, timeout=120, check=True)
    return result.stdout.strip().upper()


LABELS = ("default", "best", "avx2")


def kernels_to_run(best: str, current: str, covered: bool) -> dict[str, str | None]:
    """{label: ATEN_CPU_CAPABILITY value, None for unset} for the labels worth running.

    best: torch's pick with the variable unset; current: this process's kernel; covered: this
    pytest session also collects the training notebooks with nbval (under `current`), so that
    kernel is done.
    """
    kernels: dict[str, str | None] = {"default": "default"}
    if best != "DEFAULT":
        kernels["best"] = None
    if best == "AVX512":
        kernels["avx2"] = "avx2"
    names = {"default": "DEFAULT", "best": best, "avx2": "AVX2"}
    return {label: value for label, value in kernels.items()
            if not (covered and names[label] == current)}


def test_kernels_to_run():
    assert kernels_to_run("AVX512", "AVX512", covered=False) == {
        "default": "default", "best": None, "avx2": "avx2"}
    assert kernels_to_run("AVX512", "AVX512", covered=True) == {"default": "default",
                                                                 "avx2": "avx2"}
    assert kernels_to_run("AVX512", "AVX2", covered=True) == {"default": "default", "best": None}
    assert kernels_to_run("AVX2", "DEFAULT", covered=True) == {"best": None}
    assert kernels_to_run("DEFAULT", "DEFAULT", covered=False) == {"default": "default"}
    assert kernels_to_run("SVE256", "SVE256", covered=True) == {"default": "default"}


def test_the_training_notebooks_are_found():
    names = {path.stem for path in TRAINING_NOTEBOOKS}
    assert {"00_why_schedule", "08_training_loop"} <= names, names


class KernelRuns:
    """One nbval subprocess per kernel over the training notebooks, all started at once."""

    def __init__(self, workdir: Path, kernels: dict[str, str | None]):
        self.processes = {}
        self.values = kernels
        for label, value in kernels.items():
            folder = workdir / label
            folder.mkdir()
            (folder / "pytest.ini").write_text("[pytest]\n")
            env = {key: v for key, v in os.environ.items() if key != "ATEN_CPU_CAPABILITY"}
            env["LR_COURSE_DATA"] = str(folder / "data")
            if value is not None:
                env["ATEN_CPU_CAPABILITY"] = value
            command = [sys.executable, "-m", "pytest", *NBVAL_ARGS, "-q", "-p", "no:cacheprovider",
                       "-c", str(folder / "pytest.ini"), "--rootdir", str(folder),
                       *map(str, TRAINING_NOTEBOOKS)]
            self.processes[label] = subprocess.Popen(
                command, cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                text=True)

    def result(self, label: str) -> tuple[int, str]:
        process = self.processes[label]
        output, _ = process.communicate(timeout=CELL_TIMEOUT * 4)
        return process.returncode, output

    def close(self):
        for process in self.processes.values():
            if process.poll() is None:
                process.kill()
                process.communicate()


@pytest.fixture(scope="module")
def kernel_runs(request, tmp_path_factory):
    best = capability(None)
    current = capability(os.environ.get("ATEN_CPU_CAPABILITY"))
    collected = {Path(item.path) for item in request.session.items}
    covered = set(TRAINING_NOTEBOOKS) <= collected  # nbval runs them in this session already
    kernels = kernels_to_run(best, current, covered=covered)
    runs = KernelRuns(tmp_path_factory.mktemp("kernels"), kernels)
    runs.best, runs.current = best, current
    yield runs
    runs.close()


@pytest.mark.parametrize("label", LABELS)
def test_training_notebooks_pass_nbval_under_kernel(label, kernel_runs):
    if label not in kernel_runs.processes:
        pytest.skip(f"{label}: not a distinct kernel here (best {kernel_runs.best}), or this "
                    f"session's own ({kernel_runs.current}), which its nbval items cover")
    returncode, output = kernel_runs.result(label)
    value = kernel_runs.values[label]
    assert returncode == 0, f"nbval with ATEN_CPU_CAPABILITY={value}:\n{output[-4000:]}"
    assert re.search(r"\b\d+ passed\b", output), output[-2000:]


PNG_1X1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nG{}AAAAAElFTkSuQmCC"
RED_PIXEL = PNG_1X1.format("P4z8AAAAMBAQDJ/pLv")
BLUE_PIXEL = PNG_1X1.format("NgYPgPAAEDAQAIicLs")


def test_nbval_compares_the_text_of_a_plot_but_not_its_png(tmp_path):
    """A training curve's PNG differs between kernels; the tests rely on nbval skipping it."""
    import nbformat

    from tests.test_notebooks import run_nbval

    source = ("import base64\nfrom IPython.display import Image, display\n"
              f"display(Image(data=base64.b64decode({RED_PIXEL!r})))")
    path = tmp_path / "png.ipynb"

    def run_with_stored(png, text):
        output = nbformat.v4.new_output("display_data", data={"image/png": png, "text/plain": text})
        cell = nbformat.v4.new_code_cell(source, execution_count=1, outputs=[output])
        nbformat.write(nbformat.v4.new_notebook(cells=[cell]), path)
        return run_nbval(path, tmp_path)

    image_text = "<IPython.core.display.Image object>"
    assert run_with_stored(BLUE_PIXEL, image_text).returncode == 0  # other pixels: passes
    result = run_with_stored(RED_PIXEL, "<Figure size 640x480 with 1 Axes>")  # other text: fails
    assert result.returncode == 1 and "Cell outputs differ" in result.stdout
