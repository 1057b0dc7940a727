"""Arabic text utilities shared by every stage: normalisation, tokens, offsets."""
from marsad.text.normalize import dediacritize, normalize, normalize_with_offsets, strip_controls
from marsad.text.tokenize import Token, sentences, tokenize

__all__ = [
           "Token",
           "dediacritize",
           "normalize",
           "normalize_with_offsets",
           "sentences",
           "strip_controls",
           "tokenize",
]
