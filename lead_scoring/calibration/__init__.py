"""Calibration of the scoring seeds from the warehouse's snapshots (``scripts/calibrate.py``).

It learns from the same training rows as the predictive score (SPEC §6): on each training day t of
the engine, every contact that exists and is not a customer yet, labelled by a win in
(t, t + conversion_window_days], with its features as the rules engine saw them on t. Validation
is in time order: the weights are learnt from the training days before the backtest day and judged
on the backtest day itself; the suggested seeds are written only when the ordinary rules engine,
run on them (the what-if), ranks the backtest better than the seeds they would replace.

- ``snapshots``: what is read from the built warehouse;
- ``features``: the training table, one row per training day and contact, in rule units;
- ``model``: the logistic regression, half-lives, AUC and lift;
- ``seeds``: points and the suggested seed CSVs in the seeds' own format;
- ``cli``: the whole run, its report and ``main``.
"""
