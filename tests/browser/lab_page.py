"""Drive one notebook in a JupyterLab page: open, run all, read cells, screenshot."""

from pathlib import Path

from playwright.sync_api import Page

OPEN_TIMEOUT_MS = 60_000
RUN_TIMEOUT_MS = 180_000
MAX_SCREENSHOT_HEIGHT = 16_000

_CURRENT_PANEL_JS = """(path) => {
    const app = window.jupyterapp;
    const panel = app && app.shell.currentWidget;
    return !!(panel && panel.content && panel.sessionContext && panel.context
              && panel.context.path === path);
}"""

_LAB_READY_JS = """async () => {
    const app = window.jupyterapp;
    await app.restored;
    app.shell.collapseLeft();  // a wider notebook for the screenshots
}"""

_OPEN_JS = """async (path) => {
    const app = window.jupyterapp;
    const panel = await app.commands.execute("docmanager:open", {path, factory: "Notebook"});
    app.shell.activateById(panel.id);
    await panel.context.ready;
    await panel.sessionContext.ready;
    const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
    if (!kernel) { return "no kernel started for " + path; }
    await kernel.info;
    return "";
}"""

_CLOSE_ALL_JS = """() => {
    const app = window.jupyterapp;
    for (const widget of [...app.shell.widgets("main")]) {
        if (widget.context) { widget.context.model.dirty = false; }  // no "save?" dialog
        widget.dispose();
    }
    document.querySelectorAll(".jp-Dialog").forEach((dialog) => dialog.remove());
}"""

_RUN_ALL_JS = """async () => {
    const app = window.jupyterapp;
    await app.commands.execute("notebook:run-all-cells");
    return true;
}"""

_IDLE_JS = """() => {
    const panel = window.jupyterapp.shell.currentWidget;
    const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
    if (!kernel || kernel.status !== "idle") { return false; }
    const prompts = [...panel.node.querySelectorAll(".jp-InputPrompt")];
    if (prompts.some((prompt) => prompt.textContent.includes("[*]"))) { return false; }
    const widgetOutputs = panel.node.querySelectorAll(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.widget-view+json"]');
    return ![...widgetOutputs].some((node) => node.textContent.startsWith("Loading widget"));
}"""

_CELLS_JS = """() => {
    const panel = window.jupyterapp.shell.currentWidget;
    return panel.content.widgets.map((cell, index) => {
        const outputs = cell.model.type === "code" ? cell.model.outputs.toJSON() : [];
        const area = cell.node.querySelector(".jp-Cell-outputArea");
        return {
            index,
            type: cell.model.type,
            source: cell.model.sharedModel.getSource(),
            tags: cell.model.getMetadata("tags") || [],
            outputs,
            text: area ? area.innerText : "",
            // tracebacks rendered anywhere in the cell, e.g. inside an ipywidgets Output
            tracebacks: area ? [...area.querySelectorAll(
                '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
                .map((node) => node.innerText)
                .filter((text) => text.includes("Traceback")) : [],
        };
    });
}"""

_NOTEBOOK_HEIGHT_JS = """() => {
    const notebook = window.jupyterapp.shell.currentWidget.content.node;
    const scroller = notebook.querySelector(".jp-WindowedPanel-outer") || notebook;
    const hidden = scroller.scrollHeight - scroller.clientHeight;
    return document.documentElement.clientHeight + Math.max(hidden, 0) + 40;
}"""

_SCROLL_TOP_JS = """() => {
    const notebook = window.jupyterapp.shell.currentWidget.content.node;
    const scroller = notebook.querySelector(".jp-WindowedPanel-outer") || notebook;
    scroller.scrollTop = 0;
    const cells = notebook.querySelectorAll(".jp-Cell");
    const last = cells.length ? cells[cells.length - 1] : notebook;
    return last.getBoundingClientRect().bottom;  // where the notebook's content ends
}"""


def load_lab(page: Page, base_url: str) -> None:
    """Load JupyterLab with an empty workspace and wait until it has restored."""
    page.goto(f"{base_url}/lab?reset", wait_until="domcontentloaded")
    page.wait_for_function("() => !!window.jupyterapp", timeout=OPEN_TIMEOUT_MS)
    page.evaluate(_LAB_READY_JS)


def open_notebook(page: Page, path: str) -> None:
    """Open `path` (relative to the server root) in the loaded Lab and wait for its kernel."""
    problem = page.evaluate(_OPEN_JS, path)
    if problem:
        raise AssertionError(problem)
    page.wait_for_function(_CURRENT_PANEL_JS, arg=path, timeout=OPEN_TIMEOUT_MS)


def close_all(page: Page) -> None:
    """Close every tab without saving (the copies are scratch) and drop any dialog."""
    page.evaluate(_CLOSE_ALL_JS)


def run_all_cells(page: Page, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
    """Run > Run All Cells, then wait until the kernel is idle and every widget has rendered."""
    page.evaluate(_RUN_ALL_JS)
    page.wait_for_function(_IDLE_JS, timeout=timeout_ms, polling=200)


def read_cells(page: Page) -> list[dict]:
    """Each cell's index, type, source, tags, outputs (nbformat JSON), rendered output text and
    the rendered tracebacks (including those inside widgets, which the outputs do not hold)."""
    return page.evaluate(_CELLS_JS)


def full_screenshot(page: Page, path: Path) -> Path:
    """Screenshot the whole notebook: grow the viewport to the notebook's height first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    viewport = page.viewport_size or {"width": 1280, "height": 900}
    height = min(int(page.evaluate(_NOTEBOOK_HEIGHT_JS)), MAX_SCREENSHOT_HEIGHT)
    page.set_viewport_size({"width": viewport["width"], "height": max(height, viewport["height"])})
    page.wait_for_timeout(300)  # let Lumino lay out the taller panel
    content_bottom = page.evaluate(_SCROLL_TOP_JS)
    page.wait_for_timeout(100)
    size = page.viewport_size
    bottom = min(size["height"], max(viewport["height"], int(content_bottom) + 40))
    page.screenshot(path=str(path), clip={"x": 0, "y": 0, "width": size["width"], "height": bottom})
    page.set_viewport_size(viewport)
    return path
