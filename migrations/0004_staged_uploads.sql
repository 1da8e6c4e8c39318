CREATE TABLE `staged_uploads` (
	`user_id` text NOT NULL,
	`digest` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `digest`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `staged_uploads_digest` ON `staged_uploads` (`digest`);--> statement-breakpoint
CREATE INDEX `staged_uploads_expires` ON `staged_uploads` (`expires_at`);