"""The Andrews–Curtis game on balanced two-generator presentations of the trivial group: words, moves, families
from the literature and classical search with replayable paths."""

from .families import akbulut_kirby, miller_schupp, parse_presentation, read_presentations
from .moves import MOVES, Presentation, replay
from .search import SearchResult, solve

__all__ = ["akbulut_kirby", "miller_schupp", "parse_presentation", "read_presentations", "MOVES", "Presentation",
           "replay", "SearchResult", "solve"]
