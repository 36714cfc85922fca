"""Backtest: the engine's predictions against the trips people really made, and their calibration.

`haven.backtest.report.run_backtest(kb, ...)` builds the as-of grid for each person under an ICC warrant,
labels each (date, state) with whether the person went there within the horizon, scores it with the current
method, the baselines and the fitted coefficients (forward in time and leave-one-person-out), and measures them.
"""
