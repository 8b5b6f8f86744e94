"""The seeded synthetic PuP tables: ``generate(out_dir)`` (see :mod:`.generator`)."""

from helpers.pup.synthetic.generator import generate

__all__ = ["generate"]
