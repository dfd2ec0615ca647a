"""The demo county as data: its tree, its people's make-up, its volunteer work and its planted admission cases.

The builders beside this package walk these tables; what is drawn at random is drawn there, from one seed.
"""
