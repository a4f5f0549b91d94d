-- The backtest of a lifecycle change's decision tables, computed when the change is checked: the
-- recorded incidents of the period whose decision would come out differently (shown to the reviewer).
ALTER TABLE lifecycle_change ADD COLUMN backtest TEXT;
