-- Decision outcomes and growth kinds are closed vocabularies (DecisionOutcome and GrowthKind in the
-- registry): the database refuses any other word, so a typo can never become a silent default.
ALTER TABLE policy_decisions
    ADD CONSTRAINT policy_decisions_outcome_known CHECK (
        outcome IN ('enqueued', 'held', 'requested', 'consumed', 'promoted', 'rejected', 'failed'));

-- The kind of growth a decision enqueued, as a value of its own rather than the head of the action text.
ALTER TABLE policy_decisions
    ADD COLUMN growth_kind text
        CONSTRAINT policy_decisions_growth_kind_known CHECK (
            growth_kind IN ('seed', 'widen', 'deepen', 'tryBoth', 'widenTowers', 'deepenTowers'));

-- Earlier versions wrote the kind at the head of the action ("WIDEN: widen hidden1 x1.5").
UPDATE policy_decisions
   SET growth_kind = CASE split_part(action, ':', 1)
                         WHEN 'WIDEN' THEN 'widen'
                         WHEN 'DEEPEN' THEN 'deepen'
                         WHEN 'TRY_BOTH' THEN 'tryBoth'
                         WHEN 'WIDEN_TOWERS' THEN 'widenTowers'
                         WHEN 'DEEPEN_TOWERS' THEN 'deepenTowers'
                     END
 WHERE outcome IN ('enqueued', 'promoted', 'rejected', 'failed');
