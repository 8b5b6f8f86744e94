"""The seeded synthetic PAIRS tables: ``generate(out_dir)`` (see :mod:`.generator`)."""

from helpers.pairs.synthetic.generator import generate

__all__ = ["generate"]
