"""The feedback exporter: nbconvert's HTMLExporter with templates compiled once per process."""

from nbformat.v4 import new_markdown_cell, new_notebook

from dlhelpers.grading.feedback_html import BYTECODE, FeedbackExporter


def _render(template_dir):
    exporter = FeedbackExporter(template_name="probe", extra_template_basedirs=[str(template_dir)])
    html, _ = exporter.from_notebook_node(new_notebook(cells=[new_markdown_cell("Some *text*.")]))
    return html


def _template(folder, text):
    (folder / "probe").mkdir(parents=True, exist_ok=True)
    (folder / "probe" / "conf.json").write_text('{"base_template": "classic"}')
    (folder / "probe" / "index.html.j2").write_text('{%- extends "classic/index.html.j2" -%}\n'
                                                    "{% block body_header %}" + text + "{% endblock %}")


def test_feedback_exporter_reuses_compiled_templates_and_sees_edited_ones(tmp_path):
    _template(tmp_path, "first version")
    first = _render(tmp_path)
    assert "first version" in first and "<em>text</em>" in first
    cached = dict(BYTECODE._code)
    assert cached, "the compiled templates were not kept"
    assert "first version" in _render(tmp_path)
    assert all(BYTECODE._code[key] is code for key, code in cached.items()), "a second exporter compiled again"
    _template(tmp_path, "second version")
    second = _render(tmp_path)
    assert "second version" in second and "first version" not in second
