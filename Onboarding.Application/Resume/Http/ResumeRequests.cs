namespace Onboarding.Application.Resume.Http;

/// <summary>Body of <c>POST /api/journeys/{id}/resume</c>: the token of the way back a message carried.</summary>
public sealed record ResumeRequest(string? Token);

/// <summary>Body of <c>POST /api/resume-links</c>: the address whose running journey the person wants back.</summary>
public sealed record ResumeLinkRequest(string? Email, string? HumanCheckToken = null);
