"""Learning the shipped models from data in `../shared`: word clusters and the entity tagger.

Nothing here runs at analysis time; `marsad.extract` only reads what these modules wrote into
`marsad/extract/data/tagger/`. Training needs the `train` extra (gensim, scikit-learn).
"""
