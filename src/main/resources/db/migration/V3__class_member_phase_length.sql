-- A member's phase is shown as "predicting before Backpropagation" (33 characters) while a question is asked:
-- VARCHAR(16) refused it, so every class-line poll of a student being asked failed (found by the class load test).
ALTER TABLE class_members ALTER COLUMN phase SET DATA TYPE VARCHAR(64);
