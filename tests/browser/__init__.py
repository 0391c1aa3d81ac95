"""Real-browser tests: the course notebooks run in JupyterLab in headless Chromium."""
