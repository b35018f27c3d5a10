-- Lookups on delegates (issue 18): a task says what to look up (regions, or clusters in a region
-- or across all); its answer is the task's result.
ALTER TABLE "DelegateTask" ADD COLUMN "input" JSONB;
