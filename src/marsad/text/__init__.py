"""Arabic text utilities shared by every stage: normalisation, tokens, offsets."""
from marsad.text.normalize import dediacritize, normalize, normalize_with_offsets, strip_controls
from marsad.text.tokenize import Token, sentences, tokenize

__all__ = ["normalize", "normalize_with_offsets", "dediacritize", "strip_controls", "Token", "tokenize",
           "sentences"]
