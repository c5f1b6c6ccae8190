// Imported first by CLIs whose stdout is their result (a token): keeps info logs off it.
process.env.LOG_LEVEL ??= 'warn';
