CREATE TABLE `package_signer_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`package_id` text NOT NULL,
	`signer` text NOT NULL,
	`algorithm` text NOT NULL,
	`fingerprint` text NOT NULL,
	`public_key` text,
	`status` text NOT NULL,
	`added_via` text NOT NULL,
	`added_in_version` text,
	`added_by_user_id` text,
	`added_at` integer NOT NULL,
	`retired_at` integer,
	`retired_by_user_id` text,
	FOREIGN KEY (`package_id`) REFERENCES `packages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`added_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`retired_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "package_signer_keys_status" CHECK("package_signer_keys"."status" IN ('active', 'retired'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `package_signer_keys_fingerprint` ON `package_signer_keys` (`package_id`,`fingerprint`);