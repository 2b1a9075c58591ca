"""The narrative reader: what every consumer of a narrative's words starts from.

``normalise`` turns text as published (Traditional mirrors, pinyin glosses, zero-width
characters, bare CR line ends, full-width digits) into the text the checks read, keeping
the offset of every character back in the original, so a finding is shown where the
reviewer sees it.
"""

from narrator.read.normalise import Normalised, normalise

__all__ = ["Normalised", "normalise"]
