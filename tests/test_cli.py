"""The command line as a user meets it: exit codes, one-line errors, no overwrites."""


from conftest import run_cli


def _one_clean_line(stderr: str) -> bool:
    return "Traceback" not in stderr and len(stderr.strip().splitlines()) == 1


def test_help_lists_commands():
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("draft", "template-xlsx", "validate"):
        assert command in result.stdout


def test_draft_to_stdout_with_warnings_on_stderr(sample_figures):
    result = run_cli("draft", str(sample_figures))
    assert result.returncode == 0
    assert result.stdout.startswith("# 第三部分")
    assert "【请补充原因】" in result.stdout
    assert "缺少变动原因" in result.stderr and "缺少变动原因" not in result.stdout


def test_draft_never_overwrites_without_force(sample_figures, tmp_path):
    out = tmp_path / "draft.md"
    out.write_text("我的原稿", encoding="utf-8")
    result = run_cli("draft", str(sample_figures), "-o", str(out))
    assert result.returncode == 2 and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "我的原稿"
    assert run_cli("draft", str(sample_figures), "-o", str(out), "--force").returncode == 0
    assert out.read_text(encoding="utf-8").startswith("# 第三部分")


def test_draft_txt_and_docx(sample_figures, tmp_path):
    txt = tmp_path / "d.txt"
    assert run_cli("draft", str(sample_figures), "-o", str(txt), "--format", "txt").returncode == 0
    assert txt.read_text(encoding="utf-8").startswith("第三部分")
    docx_path = tmp_path / "d.docx"
    assert run_cli("draft", str(sample_figures), "-o", str(docx_path), "--format", "docx").returncode == 0
    from docx import Document

    paragraphs = [p.text for p in Document(str(docx_path)).paragraphs]
    assert any("减少58.63万元，下降10.44%" in p for p in paragraphs)


def test_bad_figures_exit_2_naming_each_field(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("unit: 单位\nyear: x\nsummary: {income_total: 1}\nextra_field: 1\n", encoding="utf-8")
    result = run_cli("draft", str(bad))
    assert result.returncode == 2 and _one_clean_line(result.stderr)
    for field in ("year", "summary.expenditure_total", "extra_field"):
        assert field in result.stderr
    assert result.stdout == ""


def test_usage_errors_exit_2(sample_figures, tmp_path):
    for args in (("draft", str(tmp_path / "missing.yaml")),
                 ("draft", str(sample_figures), "--no-such-flag"),
                 ("draft", str(sample_figures), "--format", "pdf"),
                 ("draft", str(sample_figures), "-t", "nowhere"),
                 ("draft", str(sample_figures), "-o", str(tmp_path / "no" / "dir" / "x.md"))):
        result = run_cli(*args)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr, args


def test_template_xlsx_then_validate(tmp_path):
    out = tmp_path / "blank.xlsx"
    assert run_cli("template-xlsx", str(out)).returncode == 0 and out.exists()
    again = run_cli("template-xlsx", str(out))
    assert again.returncode == 2 and "--force" in again.stderr
    blank = run_cli("validate", str(out))  # blank workbook: required fields are missing
    assert blank.returncode == 2 and "unit" in blank.stderr


def test_validate_ok(sample_figures):
    result = run_cli("validate", str(sample_figures))
    assert result.returncode == 0 and "有效" in result.stdout
