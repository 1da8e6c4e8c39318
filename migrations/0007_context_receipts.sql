CREATE TABLE `context_receipts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`context_id` text NOT NULL,
	`receipt_hash` text NOT NULL,
	`schema_version` text NOT NULL,
	`artifact` text NOT NULL,
	`package_version_id` text,
	`caps_used_json` text NOT NULL,
	`ran_at` integer NOT NULL,
	`received_at` integer NOT NULL,
	`receipt_json` text NOT NULL,
	FOREIGN KEY (`context_id`) REFERENCES `contexts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`package_version_id`) REFERENCES `package_versions`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `context_receipts_hash` ON `context_receipts` (`context_id`,`receipt_hash`);--> statement-breakpoint
CREATE INDEX `context_receipts_context_id` ON `context_receipts` (`context_id`,`id`);--> statement-breakpoint
ALTER TABLE `contexts` ADD `capability_policy_json` text;