-- Unsaved tests on delegates (issue 18): the wizard's test of a connector not saved yet runs on
-- the delegate its selectors match; its task names no connector row, its input carries the spec.
ALTER TABLE "DelegateTask" ALTER COLUMN "connectorId" DROP NOT NULL;
