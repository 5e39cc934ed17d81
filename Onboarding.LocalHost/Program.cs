using Onboarding.LocalHost;

WebApplication app = LocalHostApp.Build(args);
await app.RunAsync();
