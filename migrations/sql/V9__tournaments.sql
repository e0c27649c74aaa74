-- Tournaments: one policy decision, one growth job per candidate, so that any replica's worker may
-- train any candidate. The decision keeps the tournament's deadline; each candidate job its place in
-- the tournament (0, 1, ...). The tournament is resolved once, by whoever locks the decision's row and
-- finds every candidate job ended (or the deadline passed) while the decision is still 'enqueued'.

ALTER TABLE policy_decisions
    ADD COLUMN deadline_at timestamptz;

ALTER TABLE policy_decisions
    DROP CONSTRAINT policy_decisions_growth_kind_known,
    ADD CONSTRAINT policy_decisions_growth_kind_known CHECK (
        growth_kind IN ('seed', 'widen', 'deepen', 'tryBoth', 'tournament', 'widenTowers', 'deepenTowers')),
    ADD CONSTRAINT policy_decisions_deadline_only_for_tournaments CHECK (
        deadline_at IS NULL OR growth_kind = 'tournament');

ALTER TABLE growth_jobs
    ADD COLUMN candidate integer,
    ADD CONSTRAINT growth_jobs_candidate_of_a_decision CHECK (
        candidate IS NULL OR (decision_id IS NOT NULL AND candidate >= 0));

-- A tournament has one job per candidate, never two; and its candidates are found by decision.
CREATE UNIQUE INDEX growth_jobs_decision_candidate_idx ON growth_jobs (decision_id, candidate)
    WHERE candidate IS NOT NULL;

-- The resolver's sweep: tournaments not yet decided.
CREATE INDEX policy_decisions_open_tournaments_idx ON policy_decisions (deadline_at)
    WHERE growth_kind = 'tournament' AND outcome = 'enqueued';
