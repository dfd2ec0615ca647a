"""TuanWu (团务通): the work platform of a county Youth League committee."""
