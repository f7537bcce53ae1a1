"""Feedback HTML with Jinja templates compiled once per process, not once per submission.

``nbgrader generate_feedback`` makes a new nbconvert ``HTMLExporter`` each time it runs, and each new
exporter compiles its Jinja templates again: about 1.5 s of a class-grading task that grades one
submission (measured on the course's 2-core machines). ``FeedbackExporter`` is that exporter with a
process-wide in-memory bytecode cache, so a grading worker compiles the templates for its first
submission only. Jinja checks each cached template against its source, so an edited template is
compiled again. ``nbgrader_config.py`` makes it nbgrader's feedback exporter.
"""

from jinja2 import BytecodeCache
from nbconvert.exporters import HTMLExporter


class _InMemoryBytecodeCache(BytecodeCache):
    """Jinja bytecode by template (the bucket's key) and source checksum, for this process's life."""

    def __init__(self):
        self._code = {}

    def load_bytecode(self, bucket):
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # a stale checksum leaves the bucket empty: compiled again

    def dump_bytecode(self, bucket):
        self._code[bucket.key] = bucket.bytecode_to_string()


BYTECODE = _InMemoryBytecodeCache()


class FeedbackExporter(HTMLExporter):
    """nbconvert's HTMLExporter whose templates come from ``BYTECODE`` once compiled."""

    def _create_environment(self):
        environment = super()._create_environment()
        environment.bytecode_cache = BYTECODE
        return environment
