-- Delegate tasks pile up (every test, check and lookup leaves its row): the questions asked of
-- the live ones read only those. A connector's waiting or running tasks (no periodic check on
-- top of one), and the running tasks whose lease ran out (the sweep's reaper).
CREATE INDEX "DelegateTask_live_connector_idx" ON "DelegateTask" ("connectorId") WHERE status IN ('queued', 'running');
CREATE INDEX "DelegateTask_running_lease_idx" ON "DelegateTask" ("leaseUntil") WHERE status = 'running';
