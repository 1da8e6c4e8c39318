CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`secret_hash` text NOT NULL,
	`scopes` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`owner_id`) REFERENCES `owners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `api_tokens_owner` ON `api_tokens` (`owner_id`);--> statement-breakpoint
CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`owner_id` text NOT NULL,
	`actor_user_id` text,
	`actor_token_id` text,
	`action` text NOT NULL,
	`target_type` text,
	`target_id` text,
	`ip` text,
	`user_agent` text,
	`metadata_json` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `owners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `audit_events_owner` ON `audit_events` (`owner_id`,`id`);--> statement-breakpoint
CREATE TABLE `blobs` (
	`digest` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`media_type` text NOT NULL,
	`created_at` integer NOT NULL,
	`touched_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `blobs_touched` ON `blobs` (`touched_at`);--> statement-breakpoint
CREATE TABLE `context_logs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`context_id` text NOT NULL,
	`ts` integer NOT NULL,
	`level` integer NOT NULL,
	`message` text NOT NULL,
	`metadata_json` text,
	FOREIGN KEY (`context_id`) REFERENCES `contexts`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "context_logs_level" CHECK("context_logs"."level" BETWEEN 0 AND 3)
);
--> statement-breakpoint
CREATE INDEX `context_logs_context_id` ON `context_logs` (`context_id`,`id`);--> statement-breakpoint
CREATE INDEX `context_logs_context_ts` ON `context_logs` (`context_id`,`ts`);--> statement-breakpoint
CREATE INDEX `context_logs_context_level` ON `context_logs` (`context_id`,`level`,`id`);--> statement-breakpoint
CREATE TABLE `contexts` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`package_version_id` text,
	`status` text NOT NULL,
	`region` text NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	`last_activity_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `owners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`package_version_id`) REFERENCES `package_versions`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "contexts_status" CHECK("contexts"."status" IN ('starting', 'running', 'stopped', 'failed'))
);
--> statement-breakpoint
CREATE INDEX `contexts_owner_started` ON `contexts` (`owner_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `email_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`purpose` text NOT NULL,
	`email` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_tokens_token_hash_unique` ON `email_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `email_tokens_user` ON `email_tokens` (`user_id`,`purpose`);--> statement-breakpoint
CREATE TABLE `owners` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`user_id` text,
	`handle` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "owners_kind_user" CHECK("owners"."kind" <> 'user' OR "owners"."user_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `owners_user_id_unique` ON `owners` (`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `owners_handle_unique` ON `owners` (`handle`);--> statement-breakpoint
CREATE TABLE `package_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`package_id` text NOT NULL,
	`version` text NOT NULL,
	`version_key` text NOT NULL,
	`version_order` text NOT NULL,
	`prerelease` integer NOT NULL,
	`artifact_digest` text NOT NULL,
	`archive_digest` text NOT NULL,
	`archive_size` integer NOT NULL,
	`archive_media_type` text NOT NULL,
	`wasm_size` integer NOT NULL,
	`manifest_json` text NOT NULL,
	`manifest_hash` text NOT NULL,
	`keys_digest` text NOT NULL,
	`signers_json` text NOT NULL,
	`published_by_user_id` text NOT NULL,
	`published_at` integer NOT NULL,
	`deprecated_at` integer,
	`deprecation_message` text,
	FOREIGN KEY (`package_id`) REFERENCES `packages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`published_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `package_versions_key` ON `package_versions` (`package_id`,`version_key`);--> statement-breakpoint
CREATE INDEX `package_versions_published` ON `package_versions` (`package_id`,`published_at`);--> statement-breakpoint
CREATE INDEX `package_versions_order` ON `package_versions` (`package_id`,`version_order`);--> statement-breakpoint
CREATE INDEX `package_versions_archive` ON `package_versions` (`archive_digest`);--> statement-breakpoint
CREATE INDEX `package_versions_artifact` ON `package_versions` (`artifact_digest`);--> statement-breakpoint
CREATE TABLE `packages` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`name` text NOT NULL,
	`visibility` text DEFAULT 'private' NOT NULL,
	`description` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`readme` text,
	`homepage` text,
	`repository` text,
	`deprecated_at` integer,
	`deprecation_message` text,
	`unlisted_at` integer,
	`archived_at` integer,
	`latest_version` text,
	`last_published_at` integer,
	`version_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `owners`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "packages_visibility" CHECK("packages"."visibility" IN ('private', 'public'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `packages_owner_name` ON `packages` (`owner_id`,`name`);--> statement-breakpoint
CREATE INDEX `packages_public` ON `packages` (`visibility`,`unlisted_at`,`updated_at`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`window_started_at` integer NOT NULL,
	`count` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`secret_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`absolute_expires_at` integer NOT NULL,
	`revoked_at` integer,
	`user_agent` text,
	`ip` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`email_verified_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);