-- Full-text search over log messages: an FTS5 index with the trigram tokenizer, so any
-- literal substring of three or more characters is an index lookup (case-insensitive).
-- It is an external-content table over context_logs, kept current by the triggers below.
CREATE VIRTUAL TABLE `context_logs_fts` USING fts5(
	message,
	content='context_logs',
	content_rowid='id',
	tokenize='trigram'
);
--> statement-breakpoint
CREATE TRIGGER `context_logs_fts_insert` AFTER INSERT ON `context_logs` BEGIN
	INSERT INTO `context_logs_fts`(rowid, message) VALUES (new.id, new.message);
END;
--> statement-breakpoint
CREATE TRIGGER `context_logs_fts_delete` AFTER DELETE ON `context_logs` BEGIN
	INSERT INTO `context_logs_fts`(`context_logs_fts`, rowid, message) VALUES ('delete', old.id, old.message);
END;
