"""Explanations that add up: per-prediction additive contributions on the calibrated log-odds
scale (`additive`), exact path-dependent TreeSHAP for the boosted trees (`treeshap`), a
customer's value in words (`words`) and the next actions the factors suggest (`actions`).

Nothing is imported here: the window imports `actions` alone, without numpy work or the trees."""
