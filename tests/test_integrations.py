"""The CI integrations: .pre-commit-hooks.yaml, the composite action (action.yml) and the
examples of docs/ci.md and the README's "In CI" section.

Validated offline: check-jsonschema's vendored schemas (github-actions, github-workflows,
gitlab-ci) for action.yml and the YAML blocks of docs/ci.md, run as a subprocess behind a
proxy on 127.0.0.1 that counts the connections made to it (none); pre-commit's own validators
for the hooks and the example config, and a real `pre-commit run` of the hooks in a scratch git
repository. The action's run steps are executed as GitHub runs them, with a stand-in
`procutext` or `python` on PATH where the real one would need the network or the reporters.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import socket
import stat
import subprocess
import sys
import threading
from fnmatch import fnmatch
from pathlib import Path

import pytest
import yaml

from procutext.cli import build_parser, main
from procutext.config import DEFAULT_INCLUDE

ROOT = Path(__file__).resolve().parents[1]
ACTION = ROOT / "action.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
CI_DOC = ROOT / "docs" / "ci.md"
README = ROOT / "README.md"
BIN = Path(sys.executable).parent



# -- helpers ----------------------------------------------------------------------------------
class CountingProxy:
    """A TCP listener on 127.0.0.1 that counts connections and closes each at once: as
    HTTP(S)_PROXY, any download attempt ends here, fails, and is counted."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.sock.close()


@pytest.fixture
def offline_env(tmp_path):
    """The environment for the tools under test: every proxy variable points at a counting
    listener, caches are fresh, and no host is exempt from the proxy."""
    proxy = CountingProxy()
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("no_proxy", "all_proxy")}
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        env[var] = proxy.url
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["NO_COLOR"] = "1"
    yield env, proxy
    proxy.close()


def check_jsonschema(schema: str, files: list[Path], env: dict[str, str]) -> subprocess.CompletedProcess:
    """check-jsonschema with one of its builtin (vendored) schemas, as a subprocess."""
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
                          env=env, capture_output=True, text=True, timeout=120)


def pre_commit(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def fenced_blocks(markdown: str) -> list[tuple[str, str]]:
    """(language, text) of every fenced code block, as markdown-it reads them."""
    from markdown_it import MarkdownIt

    return [(t.info.split()[0] if t.info.strip() else "", t.content)
            for t in MarkdownIt("commonmark").parse(markdown) if t.type == "fence"]


def doc_yaml_blocks() -> dict[str, list[str]]:
    """The YAML blocks of docs/ci.md by the file each one is (its first line: `# NAME`)."""
    out: dict[str, list[str]] = {}
    for lang, text in fenced_blocks(CI_DOC.read_text(encoding="utf-8")):
        if lang in ("yaml", "yml"):
            first = text.splitlines()[0]
            assert first.startswith("# "), f"a YAML block of docs/ci.md does not name its file: {first!r}"
            out.setdefault(first[2:].strip(), []).append(text)
    return out


def readme_in_ci() -> str:
    text = README.read_text(encoding="utf-8")
    m = re.search(r"^## In CI\n(.*?)(?=^## )", text, re.S | re.M)
    assert m, "README.md has no '## In CI' section"
    return m.group(1)


def procutext_commands(text: str) -> list[str]:
    """Every `procutext check` command line in a shell block or a YAML string."""
    return [m.group(0).strip() for m in re.finditer(r"procutext check\b[^\n]*", text)]


def documented_commands() -> list[str]:
    """The `procutext check` commands of docs/ci.md and the README's In CI section: in shell
    blocks, in the `run:` and `script:` strings of the YAML blocks, and the action's `args`."""
    sources = [t for lang, t in fenced_blocks(CI_DOC.read_text(encoding="utf-8")) if lang in ("sh", "bash", "console")]
    sources += [t for lang, t in fenced_blocks(readme_in_ci()) if lang in ("sh", "bash", "console")]
    commands = [c for s in sources for c in procutext_commands(s)]
    for name, blocks in doc_yaml_blocks().items():
        for block in blocks:
            for step_or_job in _walk_mappings(yaml.safe_load(block)):
                for key in ("run", "script"):
                    value = step_or_job.get(key)
                    for line in ([value] if isinstance(value, str) else value or []):
                        commands += procutext_commands(line)
                with_ = step_or_job.get("with")
                if isinstance(with_, dict) and str(step_or_job.get("uses", "")).startswith("OWNER/procutext@"):
                    commands.append(_action_command(with_))
    return commands


def _action_command(with_: dict) -> str:
    """The command the action's check step runs for these inputs (the step itself is tested
    below, with a stand-in procutext that records its arguments)."""
    fmt = with_.get("output-format", "sarif")
    argv = ["procutext", "check", *shlex.split(with_.get("paths", ".")), *shlex.split(with_.get("args", ""))]
    if with_.get("fail-level"):
        argv += ["--fail-level", with_["fail-level"]]
    argv += ["--output-format", fmt] + (["--output-file", with_.get("output-file", "procutext.sarif")]
                                        if fmt == "sarif" else [])
    return shlex.join(argv)


def _walk_mappings(node):
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from _walk_mappings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk_mappings(v)


# -- the pre-commit hooks ---------------------------------------------------------------------
def load_hooks() -> list[dict]:
    return yaml.safe_load(HOOKS.read_text(encoding="utf-8"))


def test_hooks_manifest_passes_pre_commits_validator(offline_env):
    env, proxy = offline_env
    r = pre_commit(["validate-manifest", str(HOOKS)], ROOT, env)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout + r.stderr == ""  # no warnings either
    # pre-commit ignores keys it does not know: check the names against its own schema
    from pre_commit.clientlib import MANIFEST_HOOK_DICT

    known = {item.key for item in MANIFEST_HOOK_DICT.items}
    for hook in load_hooks():
        assert set(hook) <= known, set(hook) - known
    assert proxy.connections == 0


def test_hooks_are_check_and_fix():
    hooks = {h["id"]: h for h in load_hooks()}
    assert set(hooks) == {"procutext-check", "procutext-fix"}
    parser = build_parser()
    check = parser.parse_args(shlex.split(hooks["procutext-check"]["entry"])[1:] + ["a.txt"])
    fix = parser.parse_args(shlex.split(hooks["procutext-fix"]["entry"])[1:] + ["a.txt"])
    assert (check.command, check.fix) == ("check", False)
    assert (fix.command, fix.fix) == ("check", True)
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is True  # the staged files, never the whole tree
        assert hook["require_serial"] is True  # one process loads the glossary once


@pytest.mark.parametrize("hook_id", ["procutext-check", "procutext-fix"])
def test_hooks_take_the_files_procutext_walks(hook_id):
    hook = next(h for h in load_hooks() if h["id"] == hook_id)
    files = re.compile(hook["files"])
    taken = ["a.txt", "d/b.md", "c.markdown", "p.html", "p.htm", "p.shtml", "p.xhtml", "x/y/z.txt"]
    passed_over = ["a.py", "LICENSE", "README", "a.txt.bak", "a.mdx", "a.htmlx", "a.rst", "notes.text", "a.docx"]
    assert [n for n in taken if not files.search(n)] == []
    assert [n for n in passed_over if files.search(n)] == []
    # whatever `procutext check DIR` walks by default, the hook takes too
    for pattern in DEFAULT_INCLUDE:
        example = pattern.replace("*", "example")
        assert fnmatch(example, pattern) and files.search(example), pattern
    assert hook["types"] == ["text"]  # binary files and symbolic links are left out


def _local_hooks_config(hook_entries: list[dict]) -> str:
    """A `repo: local` config with this repository's hooks as pre-commit would install them,
    except that the language runs the `procutext` already on PATH (language `python` would
    build a virtualenv and install procutext from the package index)."""
    from pre_commit.all_languages import languages

    manifest = {h["id"]: h for h in load_hooks()}
    local = "unsupported" if "unsupported" in languages else "system"
    hooks = []
    for entry in hook_entries:
        hook = {**manifest[entry["id"]], **entry, "language": local}
        hooks.append(hook)
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}, sort_keys=False)


def test_pre_commit_runs_the_hooks_on_the_right_files(tmp_path, offline_env):
    """A real `pre-commit run` in a scratch repository: the fix hook fixes the safe finding,
    fails (files changed, a finding is left) and never sees the files it must not; the check
    hook then reports what is left. The hooks' settings other than `language` are this
    repository's, and the user's keys are those of the docs/ci.md example."""
    env, proxy = offline_env
    repo = tmp_path / "repo"
    (repo / "archive").mkdir(parents=True)
    files = {
        "notes.txt": "He said “ hi ” to me.\n",            # PT101, a safe fix
        "page.md": "He said “hello to me.\n",               # PT104, no fix
        "clean.markdown": "A correct sentence.\n",
        "index.html": "<p>A correct sentence.</p>\n",
        "page.shtml": "<p>A correct sentence.</p>\n",
        "script.py": "# He said “ hi ” to me.\n",          # not a text procutext reads
        "LICENSE": "He said “ hi ” to me.\n",             # plain-text to identify, but no suffix
        "archive/old.txt": "He said “ hi ” to me.\n",     # left out by the example's exclude
    }
    for name, text in files.items():
        (repo / name).write_text(text, encoding="utf-8")
    os.symlink("clean.markdown", repo / "link.md")
    example = yaml.safe_load(doc_yaml_blocks()[".pre-commit-config.yaml"][0])
    user_keys = {k: v for k, v in example["repos"][0]["hooks"][0].items()}
    assert user_keys["id"] == "procutext-fix"
    config = _local_hooks_config([{**user_keys, "args": ["--verbose"]},
                                  {"id": "procutext-check", "exclude": user_keys.get("exclude", "^$"),
                                   "args": ["--verbose"]}])
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True, env=env)

    def checked(output: str) -> set[str]:
        return set(re.findall(r"^  (\S+): .*; config ", output, re.M))

    fix = pre_commit(["run", "procutext-fix", "--all-files"], repo, env)
    out = fix.stdout + fix.stderr
    assert fix.returncode == 1, out
    assert "procutext (fix)" in out and "Failed" in out
    assert "files were modified by this hook" in out and "exit code: 1" in out
    assert checked(out) == {"notes.txt", "page.md", "clean.markdown", "index.html", "page.shtml"}, out
    assert (repo / "notes.txt").read_text(encoding="utf-8") == "He said “hi” to me.\n"
    assert (repo / "LICENSE").read_text(encoding="utf-8") == files["LICENSE"]
    assert (repo / "archive/old.txt").read_text(encoding="utf-8") == files["archive/old.txt"]
    assert "page.md:1:9: PT104" in out

    check = pre_commit(["run", "procutext-check", "--all-files"], repo, env)
    out = check.stdout + check.stderr
    assert check.returncode == 1 and "procutext (check)" in out and "Failed" in out, out
    assert "files were modified" not in out
    assert "page.md:1:9: PT104" in out and "notes.txt:1" not in out
    assert (repo / "page.md").read_text(encoding="utf-8") == files["page.md"]
    assert proxy.connections == 0


def test_docs_pre_commit_config_is_valid(tmp_path, offline_env):
    env, proxy = offline_env
    blocks = doc_yaml_blocks()[".pre-commit-config.yaml"]
    ids = {h["id"] for h in load_hooks()}
    for i, block in enumerate(blocks):
        path = tmp_path / f"config{i}.yaml"
        path.write_text(block, encoding="utf-8")
        r = pre_commit(["validate-config", str(path)], tmp_path, env)
        assert r.returncode == 0 and r.stdout + r.stderr == "", r.stdout + r.stderr
        used = {h["id"] for repo in yaml.safe_load(block)["repos"] for h in repo["hooks"]}
        assert used <= ids, used - ids
    assert proxy.connections == 0


# -- schemas, offline -------------------------------------------------------------------------
def test_check_jsonschema_downloads_would_be_caught(tmp_path, offline_env):
    """The control for the offline tests: a schema given by URL makes check-jsonschema
    connect, and the counting proxy catches it (so 0 connections below means none tried)."""
    env, proxy = offline_env
    r = subprocess.run([sys.executable, "-m", "check_jsonschema", "--no-cache",
                        "--schemafile", "https://json.schemastore.org/github-action.json", str(ACTION)],
                       env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode != 0 and "download" in (r.stdout + r.stderr).lower()
    assert proxy.connections >= 1


def test_action_is_valid_offline(offline_env):
    env, proxy = offline_env
    r = check_jsonschema("vendor.github-actions", [ACTION], env)
    assert r.returncode == 0, r.stdout + r.stderr
    assert proxy.connections == 0


def test_docs_workflows_and_gitlab_job_are_valid_offline(tmp_path, offline_env):
    env, proxy = offline_env
    blocks = doc_yaml_blocks()
    workflows, gitlab = [], []
    for name, texts in blocks.items():
        for i, text in enumerate(texts):
            path = tmp_path / f"{i}-{Path(name).name}"
            path.write_text(text, encoding="utf-8")
            if name.startswith(".github/workflows/"):
                workflows.append(path)
            elif name == ".gitlab-ci.yml":
                gitlab.append(path)
    assert len(workflows) >= 3 and len(gitlab) == 1
    for schema, paths in (("vendor.github-workflows", workflows), ("vendor.gitlab-ci", gitlab)):
        r = check_jsonschema(schema, paths, env)
        assert r.returncode == 0, r.stdout + r.stderr
    assert proxy.connections == 0


def test_docs_yaml_blocks_are_all_validated():
    """Every YAML block of docs/ci.md is one of the kinds the tests above validate."""
    names = doc_yaml_blocks()
    unknown = [n for n in names if not (n.startswith(".github/workflows/") or n in (".gitlab-ci.yml",
                                                                                    ".pre-commit-config.yaml"))]
    assert unknown == []
    assert ".pre-commit-config.yaml" in names and ".gitlab-ci.yml" in names


def test_the_schemas_reject_broken_files(tmp_path, offline_env):
    """The validation is not vacuous: each schema rejects a plausible mistake."""
    env, _ = offline_env
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    step = next(s for s in action["runs"]["steps"] if "run" in s)
    step["shel"] = step.pop("shell")  # a typo
    broken_action = tmp_path / "action.yml"
    broken_action.write_text(yaml.safe_dump(action), encoding="utf-8")

    workflow = doc_yaml_blocks()[".github/workflows/procutext.yml"][0]
    broken_workflow = tmp_path / "workflow.yml"
    broken_workflow.write_text(re.sub(r"^ *runs-on: .*\n", "", workflow, flags=re.M), encoding="utf-8")
    assert broken_workflow.read_text(encoding="utf-8") != workflow

    gitlab = doc_yaml_blocks()[".gitlab-ci.yml"][0]
    broken_gitlab = tmp_path / "gitlab.yml"
    broken_gitlab.write_text(gitlab.replace("when: always", "when: sometimes"), encoding="utf-8")
    assert broken_gitlab.read_text(encoding="utf-8") != gitlab

    for schema, path in (("vendor.github-actions", broken_action), ("vendor.github-workflows", broken_workflow),
                         ("vendor.gitlab-ci", broken_gitlab)):
        r = check_jsonschema(schema, [path], env)
        assert r.returncode == 1 and "validation errors" in r.stdout + r.stderr, (schema, r.stdout + r.stderr)


# -- the documented commands ------------------------------------------------------------------
def test_docs_never_silence_a_failure():
    for name, text in (("docs/ci.md", CI_DOC.read_text(encoding="utf-8")), ("README In CI", readme_in_ci())):
        for _, block in fenced_blocks(text):
            for needle in ("--exit-zero", "|| true", "continue-on-error", "allow_failure", "set +e"):
                assert needle not in block, (name, needle)
    assert "docs/ci.md" in readme_in_ci()
    # the SARIF uploads run when the check failed, and only then upload a file that exists
    for name, blocks in doc_yaml_blocks().items():
        for block in blocks:
            for step in _walk_mappings(yaml.safe_load(block)):
                if str(step.get("uses", "")).startswith("github/codeql-action/upload-sarif@"):
                    assert "always()" in step["if"] and "hashFiles(" in step["if"], (name, step)
    gitlab = yaml.safe_load(doc_yaml_blocks()[".gitlab-ci.yml"][0])
    assert gitlab["procutext"]["artifacts"]["when"] == "always"


COMMANDS = documented_commands()


def test_documented_commands_were_found():
    assert len(COMMANDS) >= 8
    text = " ".join(COMMANDS)
    for flag in ("--output-format sarif", "--output-format gitlab", "--output-format github", "--sitemap", "--urls",
                 "--baseline", "--write-baseline"):
        assert flag in text, flag
    assert procutext_commands(readme_in_ci())


@pytest.mark.parametrize("command", COMMANDS)
def test_documented_command_cannot_pass_silently(command, tmp_path, monkeypatch, capsys):
    """Each documented command parses, names its inputs, and exits 2 when its directory is
    empty or missing. (Commands that fetch pages are only parsed: the tests never go online.)"""
    argv = shlex.split(command, comments=True)[1:]
    assert "--exit-zero" not in argv
    args = build_parser().parse_args(argv)
    fetches = any(a in ("--sitemap", "--urls") or a.startswith(("--sitemap=", "--urls=", "http://", "https://"))
                  for a in argv)
    assert args.paths or fetches, f"{command!r} names no input: it would check '.' by default"
    if fetches:
        return
    monkeypatch.chdir(tmp_path)
    for missing_or_empty in ("missing", "empty"):
        for p in args.paths:
            if missing_or_empty == "empty":
                (tmp_path / p).mkdir(parents=True, exist_ok=True)
        code = main(argv)
        _, err = capsys.readouterr()
        assert code == 2, (command, missing_or_empty, err)
        assert err.startswith("error: ") or "\nerror: " in err, err


# -- the action -------------------------------------------------------------------------------
def load_action() -> dict:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def render(value: str, inputs: dict[str, str], outputs: dict[str, str]) -> str:
    """Evaluate the only expressions the action's `env:` values use: `inputs.NAME` and
    `steps.check.outputs.NAME` (anything else fails the test)."""
    def one(m: re.Match) -> str:
        expr = m.group(1)
        if expr.startswith("inputs."):
            return inputs[expr[len("inputs."):]]
        if expr.startswith("steps.check.outputs."):
            return outputs.get(expr[len("steps.check.outputs."):], "")
        raise AssertionError(f"unexpected expression {expr!r}")
    return EXPR.sub(one, value)


def action_inputs(**given: str) -> dict[str, str]:
    inputs = {name: str(spec.get("default", "")) for name, spec in load_action()["inputs"].items()}
    unknown = set(given) - set(inputs)
    assert not unknown, unknown
    return {**inputs, **given}


def run_step(step: dict, inputs: dict[str, str], outputs: dict[str, str], workdir: Path, path_dirs=(),
             extra_env=None) -> tuple[subprocess.CompletedProcess, dict[str, str]]:
    """Run one `run:` step as the runner does (bash: `bash --noprofile --norc -eo pipefail
    {0}`; python: `python {0}`), in ``workdir``; returns the process and the step's outputs."""
    script = workdir / f"step-{step.get('id', 'x')}.{'py' if step['shell'] == 'python' else 'sh'}"
    script.write_text(step["run"], encoding="utf-8")
    github_output = workdir / "github_output"
    github_output.write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("INPUT_")}
    env.update({k: render(str(v), inputs, outputs) for k, v in step.get("env", {}).items()})
    env.update({"GITHUB_OUTPUT": str(github_output), "GITHUB_ACTION_PATH": str(ROOT), "NO_COLOR": "1",
                "PATH": os.pathsep.join([*map(str, path_dirs), str(BIN), os.environ.get("PATH", "")])})
    env.update(extra_env or {})
    cmd = [sys.executable, str(script)] if step["shell"] == "python" else \
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)]
    proc = subprocess.run(cmd, cwd=workdir, env=env, capture_output=True, text=True, timeout=120)
    step_outputs = dict(line.split("=", 1) for line in github_output.read_text(encoding="utf-8").splitlines() if line)
    return proc, step_outputs


def step_named(prefix: str) -> dict:
    return next(s for s in load_action()["runs"]["steps"] if s.get("name", "").startswith(prefix))


def test_action_shape():
    action = load_action()
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    assert uses[0] == "actions/setup-python"
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["if"].startswith("always() &&") and "steps.check.outputs.sarif-file != ''" in upload["if"]
    assert upload["with"]["sarif_file"] == "${{ steps.check.outputs.sarif-file }}"
    last = steps[-1]
    assert last["if"].startswith("always()") and "exit" in last["run"]
    assert steps.index(upload) < len(steps) - 1  # the job fails only after the upload
    for s in steps:
        if "run" in s:  # inputs reach the scripts through env, never spliced into the code
            assert "${{" not in s["run"], s["name"]
    # every input is used and every used input is declared
    text = ACTION.read_text(encoding="utf-8")
    used = set(re.findall(r"inputs\.([\w-]+)", text))
    assert used == set(action["inputs"]), used ^ set(action["inputs"])
    for name, spec in action["inputs"].items():
        assert spec.get("description"), name
    assert set(action["outputs"]) == {"exit-code", "sarif-file"}


STUB_PROCUTEXT = """#!{python}
import json, os, sys
with open(os.environ["STUB_LOG"], "a", encoding="utf-8") as f:
    f.write(json.dumps(sys.argv[1:]) + "\\n")
if "--output-file" in sys.argv and os.environ.get("STUB_WRITE") == "1":
    open(sys.argv[sys.argv.index("--output-file") + 1], "w").write("{{}}")
sys.exit(int(os.environ.get("STUB_EXIT", "0")))
"""


@pytest.fixture
def stub_bin(tmp_path):
    d = tmp_path / "stub-bin"
    d.mkdir()
    for name in ("procutext", "python"):
        p = d / name
        p.write_text(STUB_PROCUTEXT.format(python=sys.executable), encoding="utf-8")
        p.chmod(p.stat().st_mode | stat.S_IXUSR)
    return d


def _argv_log(path: Path) -> list[list[str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


@pytest.mark.skipif(os.name != "posix", reason="the stand-in commands are POSIX scripts")
@pytest.mark.parametrize("given, exit_code, writes, argv, sarif", [
    ({}, "0", True, ["check", ".", "--output-format", "sarif", "--output-file", "procutext.sarif"], "procutext.sarif"),
    ({"paths": "site-export/ 'two words/'\nmore.md", "fail-level": "error"}, "1", True,
     ["check", "site-export/", "two words/", "more.md", "--fail-level", "error", "--output-format", "sarif",
      "--output-file", "procutext.sarif"], "procutext.sarif"),
    ({"paths": "", "args": "--sitemap https://example.invalid/sitemap.xml --select PT1", "output-file": "out/p.sarif"},
     "2", False, ["check", "--sitemap", "https://example.invalid/sitemap.xml", "--select", "PT1",
                  "--output-format", "sarif", "--output-file", "out/p.sarif"], ""),
    ({"paths": "docs", "output-format": "github"}, "1", True, ["check", "docs", "--output-format", "github"], ""),
])
def test_action_check_step(given, exit_code, writes, argv, sarif, tmp_path, stub_bin):
    """The check step builds the command from the inputs, records procutext's exit code and
    the SARIF file (only one that was written) as outputs, and itself exits 0 so that the
    upload runs; the last step then exits with the recorded code."""
    (tmp_path / "out").mkdir()
    log = tmp_path / "argv.log"
    step = step_named("Run procutext check")
    proc, outputs = run_step(step, action_inputs(**given), {}, tmp_path, [stub_bin],
                             {"STUB_LOG": str(log), "STUB_EXIT": exit_code, "STUB_WRITE": "1" if writes else "0"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert _argv_log(log) == [argv]
    assert outputs == {"exit-code": exit_code, "sarif-file": sarif}
    final, _ = run_step(step_named("Fail on findings"), action_inputs(**given), outputs, tmp_path)
    assert final.returncode == int(exit_code)
    if exit_code != "0":
        assert "::error title=procutext::" in final.stdout


@pytest.mark.skipif(os.name != "posix", reason="the stand-in commands are POSIX scripts")
def test_action_check_step_rejects_a_wrong_format(tmp_path, stub_bin):
    log = tmp_path / "argv.log"
    proc, outputs = run_step(step_named("Run procutext check"), action_inputs(**{"output-format": "json"}), {},
                             tmp_path, [stub_bin], {"STUB_LOG": str(log)})
    assert proc.returncode == 2 and "output-format must be sarif or github" in proc.stdout
    assert outputs == {} and _argv_log(log) == []


@pytest.mark.skipif(os.name != "posix", reason="the stand-in commands are POSIX scripts")
@pytest.mark.parametrize("given, spec", [
    ({}, str(ROOT)),                                   # the action's own checkout
    ({"extras": "detect"}, f"{ROOT}[detect]"),
    ({"version": "0.1.0"}, "procutext==0.1.0"),
    ({"version": "0.1.0", "extras": "detect,xlsx"}, "procutext[detect,xlsx]==0.1.0"),
    ({"install-path": "."}, "."),
    ({"install-path": "dist/procutext-0.1.0-py3-none-any.whl"}, "./dist/procutext-0.1.0-py3-none-any.whl"),
    ({"install-path": "procutext-src"}, "./procutext-src"),   # not read as a name on the index
    ({"install-path": "/opt/src", "extras": "detect"}, "/opt/src[detect]"),
])
def test_action_install_step(given, spec, tmp_path, stub_bin):
    log = tmp_path / "argv.log"
    proc, _ = run_step(step_named("Install procutext"), action_inputs(**given), {}, tmp_path, [stub_bin],
                       {"STUB_LOG": str(log)})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert _argv_log(log) == [["-m", "pip", "install", "--disable-pip-version-check", "--no-input", spec],
                              ["--version"]]


@pytest.mark.skipif(os.name != "posix", reason="the stand-in commands are POSIX scripts")
def test_action_install_step_refuses_version_and_path(tmp_path, stub_bin):
    log = tmp_path / "argv.log"
    proc, _ = run_step(step_named("Install procutext"), action_inputs(version="0.1.0", **{"install-path": "."}), {},
                       tmp_path, [stub_bin], {"STUB_LOG": str(log)})
    assert proc.returncode == 2 and "set either version or install-path" in proc.stdout
    assert _argv_log(log) == []


def test_action_check_step_with_the_real_procutext(tmp_path):
    """The check step with the installed procutext: a defect gives exit code 1 and a SARIF
    report naming it, an empty directory exit code 2; both reach the last step."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.txt").write_text("He said “ hi ” to me.\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    step = step_named("Run procutext check")
    proc, outputs = run_step(step, action_inputs(paths="site empty"), {}, tmp_path)
    assert proc.returncode == 0 and outputs["exit-code"] == "2", proc.stdout + proc.stderr
    proc, outputs = run_step(step, action_inputs(paths="site"), {}, tmp_path)
    assert proc.returncode == 0 and outputs == {"exit-code": "1", "sarif-file": "procutext.sarif"}
    sarif = json.loads((tmp_path / "procutext.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["PT101"]
    final, _ = run_step(step_named("Fail on findings"), action_inputs(), outputs, tmp_path)
    assert final.returncode == 1
