#!/usr/bin/env python3
"""tools/cowgraph --html in a real browser: boots cowshow, writes the
page, and drives Debian's headless Chromium through chromedriver (the
W3C WebDriver protocol, plain HTTP): the page opens on step 0, next and
previous move between steps, step 1 draws one level-0 table with arrows
from both roots, what changed is outlined in red, the step's own lines sit
beside the picture, and a screenshot is taken (left in the build folder).
The same checks are then run on a copy of the page whose next button
does nothing: they must fail there.  TAP."""
import base64
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cowgraph_test import roots_per_table, tap  # noqa: E402

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # W3C WebDriver's key


def boot(qemu, kernel, initrd):
    return subprocess.run(
        [qemu, "-machine", "virt", "-bios", "default", "-nographic",
         "-m", "128M", "-smp", "3", "-kernel", kernel, "-initrd", initrd,
         "-append", 'init.run="cowshow"'],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, timeout=120).stdout.decode(errors="replace")


class Browser:
    """One chromedriver and one headless Chromium session."""

    def __init__(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.driver = subprocess.Popen(
            ["chromedriver", "--port=%d" % self.port],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                self.call("GET", "/status")
                break
            except OSError:
                time.sleep(0.1)
        caps = {"browserName": "chrome", "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--window-size=1400,1000"]}}
        got = self.call("POST", "/session",
                        {"capabilities": {"alwaysMatch": caps}})
        self.session = "/session/" + got["sessionId"]

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(
            "http://127.0.0.1:%d%s" % (self.port, path), data=data,
            method=method, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.loads(r.read())["value"]

    def open(self, path):
        self.call("POST", self.session + "/url", {"url": "file://" + path})

    def click(self, css):
        e = self.call("POST", self.session + "/element",
                      {"using": "css selector", "value": css})
        self.call("POST", self.session + "/element/%s/click" % e[ELEMENT], {})

    def js(self, script):
        return self.call("POST", self.session + "/execute/sync",
                         {"script": script, "args": []})

    def screenshot(self):
        return base64.b64decode(self.call("GET", self.session + "/screenshot"))

    def close(self):
        try:
            self.call("DELETE", self.session)
        finally:
            self.driver.terminate()
            self.driver.wait()


SHOWN = "const s = document.querySelector('.step.shown'); "


def check_page(b, path, shot):
    """[(ok, what)] for the page at path."""
    b.open(path)
    out = []
    where = b.js("return document.getElementById('where').textContent")
    out.append((where.startswith("step 0 (1 of "), "opens on step 0: %r" % where))
    out.append((b.js("return document.getElementById('prev').disabled"),
                "previous is disabled on the first step"))
    b.click("#next")
    where = b.js("return document.getElementById('where').textContent")
    out.append((where.startswith("step 1 (2 of "), "next shows step 1: %r" % where))
    svg = b.js(SHOWN + "return s ? s.innerHTML : ''")
    roots, _ = roots_per_table(svg.replace("-&gt;", "&#45;&gt;"))
    out.append((any(len(r) == 2 for r in roots.values()),
                "step 1 draws one level-0 table held by both roots"))
    out.append(('stroke="red"' in svg,
                "step 1 outlines what changed since step 0 in red"))
    shown = b.js("return document.querySelectorAll('.step.shown').length")
    out.append((shown == 1, "exactly one step is shown (%s)" % shown))
    b.click("#next")
    b.click("#next")
    lines = b.js(SHOWN + "return s ? s.querySelector('.lines').textContent"
                 " : ''")
    out.append(("counters: cow faults +" in lines,
                "step 3's own lines are beside it"))
    png = b.screenshot()
    with open(shot, "wb") as f:
        f.write(png)
    out.append((png.startswith(b"\x89PNG") and len(png) > 10000,
                "a screenshot of step 3 (%d bytes, %s)" % (len(png), shot)))
    b.click("#prev")
    where = b.js("return document.getElementById('where').textContent")
    out.append((where.startswith("step 2 "), "previous goes back: %r" % where))
    return out


def main():
    qemu, kernel, initrd, cowgraph, outdir = sys.argv[1:6]
    console = boot(qemu, kernel, initrd)
    page = os.path.join(os.path.abspath(outdir), "cowshow-steps.html")
    r = subprocess.run([sys.executable, cowgraph, "--html"], input=console,
                       text=True, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    with open(page, "w") as f:
        f.write(r.stdout)
    checks = [(r.returncode == 0 and "<svg" in r.stdout,
               "cowgraph --html wrote %s (%s)" % (page, r.stderr.strip()))]
    broken = page.replace(".html", "-broken.html")
    with open(broken, "w") as f:
        f.write(r.stdout.replace("show(at + 1)", "show(at)"))
    b = Browser()
    try:
        checks += check_page(b, page, page.replace(".html", ".png"))
        wrong = check_page(b, broken, broken.replace(".html", ".png"))
    finally:
        b.close()
    checks.append((not all(ok for ok, _ in wrong),
                   "the same checks fail on a page whose next does nothing"))
    return tap(checks)


if __name__ == "__main__":
    sys.exit(main())
