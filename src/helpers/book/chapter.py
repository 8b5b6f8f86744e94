"""Load a chapter's data, or leave the chapter with a clear note when a table is absent.

A chapter's first cell calls :func:`load_or_skip` with its loader. When every table is there the
loader's result is returned. When a table is missing (a real-data folder that holds only some
files), the cell shows a note naming the missing file and every later cell of the chapter is
turned into a no-op that shows ``"(not available)"``, so the book still renders and says plainly
what is left out. Code in the *same* cell after the call would still run, so the load is the only
statement of its cell.

Why hand-written: Quarto cannot skip Python cells conditionally (``eval`` takes no expression in
the Jupyter engine), so the skip is done in the kernel with an IPython input transformer, the
documented hook for rewriting a cell's source before it runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from helpers.datastore import TableSpec, table_path
from helpers.errors import DataValidationError, TableMissingError

__all__ = ["NOT_AVAILABLE", "load_or_skip", "skip_remaining_cells", "skipping", "show_problems"]

T = TypeVar("T")

#: What a skipped cell (or inline expression) shows.
NOT_AVAILABLE = "(not available)"
_STATE = {"skipping": False}


def skipping() -> bool:
    """True once :func:`skip_remaining_cells` has been called in this kernel."""
    return _STATE["skipping"]


def _replace_cell(lines: list[str]) -> list[str]:
    return [f"{NOT_AVAILABLE!r}\n"]


def skip_remaining_cells(message: str, title: str = "Part of the data is missing") -> None:
    """Show ``message`` as a note and make every later cell a no-op showing :data:`NOT_AVAILABLE`."""
    from IPython import get_ipython
    from IPython.display import Markdown, display

    display(Markdown(f"::: {{.callout-warning}}\n## {title}\n\n{message}\n:::"))
    shell = get_ipython()
    if shell is None:  # plain Python (e.g. a script): nothing to skip, the caller gets None
        return
    if _replace_cell not in shell.input_transformers_post:
        shell.input_transformers_post.append(_replace_cell)
    _STATE["skipping"] = True


def load_or_skip(loader: Callable[..., T], *args: Any, needs: Sequence[TableSpec] = (),
                 enough: Callable[[T], str | None] | None = None, **kwargs: Any) -> T | None:
    """Call ``loader(*args, **kwargs)``; on :class:`TableMissingError` skip the rest of the chapter.

    ``needs`` lists optional tables (``TableSpec.optional``) this chapter cannot do without: when
    one of their files is absent from the data folder the chapter is skipped too, although the
    loader succeeded.

    ``enough`` checks that the loaded data can support the chapter's analyses (e.g. someone
    consented, there are complete pairs, both groups are present): it returns ``None`` when they
    can, otherwise one sentence saying what is missing and why, and the rest of the chapter is
    skipped with that sentence as its note (the rest of the book still renders).

    Returns the loader's result, or ``None`` when a table is missing. Broken data must stop the
    book: a :class:`~helpers.errors.DataValidationError` is shown as a short callout listing each
    problem (file, line, column, rule) and then raised; IPython shows it as those same lines
    rather than a traceback.
    """
    try:
        result = loader(*args, **kwargs)
        for spec in needs:
            path = table_path(spec, kwargs.get("folder"))
            if not path.is_file():
                raise TableMissingError(path, spec.name)
        problem = enough(result) if enough is not None else None
        if problem:
            skip_remaining_cells(problem, title="Too little data for this chapter")
            return None
        return result
    except DataValidationError as exc:
        show_problems(exc)
        raise
    except TableMissingError as exc:
        skip_remaining_cells(
            f"{exc.message} Supply `{exc.path.name}` in the data folder to include this chapter."
        )
        return None


def show_problems(error: DataValidationError, limit: int = 20) -> None:
    """Show a data-validation error as a callout: one line per problem, at most ``limit``."""
    from IPython.display import Markdown, display

    problems = error.violations
    lines = [f"- {str(v)}" for v in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"- … and {len(problems) - limit} more (see the full list in the error below)")
    count = len(problems)
    display(Markdown(
        "::: {.callout-important}\n"
        f"## The data did not pass their checks ({count} problem{'' if count == 1 else 's'})\n\n"
        "Correct the files and render again. Each problem names the file, the line of the file, "
        "the column and the rule.\n\n" + "\n".join(lines) + "\n:::"))
