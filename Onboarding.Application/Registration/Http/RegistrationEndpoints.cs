using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Contract;
using Onboarding.Application.Http;
using Onboarding.Application.Inputs;
using Onboarding.Application.Limits;
using Onboarding.Application.HumanCheck;
using Onboarding.Application.HumanCheck.Http;
using Onboarding.Application.JourneyClient;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Resume;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;
using Onboarding.Domain.Journeys;
using Onboarding.Domain.Registration;
using Onboarding.Domain.Validation;

namespace Onboarding.Application.Registration.Http;

/// <summary>The registration half's input routes: phone code, e-mail confirmation, profile.</summary>
public sealed class RegistrationEndpoints(
    ApiCall api,
    JourneyAccess access,
    JourneyInputRoutes inputs,
    JourneyProgressReader reader,
    JourneyInputStore store,
    JourneySecrets secrets,
    EmailOwnership ownership,
    HumanCheckGate humanCheck,
    RequestLimits limits,
    IOptions<JourneyOptions> options,
    ResumeLinks ways,
    ReadLimits reads,
    TimeProvider time)
{
    public Task<IResult> SubmitPhoneCodeAsync(HttpRequest request, string journeyId, DurableTaskClient durable) => api.RunAsync(request, async () =>
    {
        JourneyRecord record = await access.AuthenticateAsync(request, journeyId);
        PhoneCodeRequest body = await RequestBody.ReadJsonAsync<PhoneCodeRequest>(request);
        string code = body.Code ?? "";
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            throw Problems.Validation("code", "Must be the 6-digit code from the SMS.");
        }

        JourneyProgress before = await inputs.RequireAcceptedAsync(request, durable, record, PhoneCodeEntered.Kind);
        return await inputs.ApplyAsync(request, durable, record, before, new PhoneCodeEntered(secrets.Candidates(SecretPurpose.PhoneCode, journeyId, code)));
    });

    public Task<IResult> ResendPhoneCodeAsync(HttpRequest request, string journeyId, DurableTaskClient durable) =>
        ResendAsync(request, journeyId, durable, new PhoneCodeResendRequested());

    public Task<IResult> ResendEmailLinkAsync(HttpRequest request, string journeyId, DurableTaskClient durable) =>
        ResendAsync(request, journeyId, durable, new EmailLinkResendRequested());

    Task<IResult> ResendAsync<TResend>(HttpRequest request, string journeyId, DurableTaskClient durable, TResend resend)
        where TResend : JourneyInputEvent, IJourneyEvent =>
        api.RunAsync(request, async () =>
        {
            JourneyRecord record = await access.AuthenticateAsync(request, journeyId);
            ResendRequest body = RequestBody.IsEmpty(request) ? new ResendRequest(null) : await RequestBody.ReadJsonAsync<ResendRequest>(request);
            await humanCheck.RequireAsync(request, body.HumanCheckToken, HumanCheckActions.Resend);
            JourneyProgress before = await inputs.RequireAcceptedAsync(request, durable, record, TResend.Kind);
            await limits.TakeResendAsync(record, sms: TResend.Kind == InputKind.PhoneCodeResend, request.HttpContext.RequestAborted);
            return await inputs.ApplyAsync(request, durable, record, before, resend);
        });

    /// <summary>The link in the e-mail. Shows a Confirm button and changes nothing (mail scanners open links).</summary>
    public Task<IResult> ShowEmailConfirmationAsync(HttpRequest request, string journeyId, DurableTaskClient durable) => api.RunPageAsync(request, async () =>
    {
        reads.TakeClientRead(request);
        string? token = request.Query["token"].Count == 1 ? request.Query["token"][0] : null;
        (JourneyRecord? record, bool open, _) = await CheckLinkAsync(request, journeyId, token, durable);
        if (record is null || !open)
        {
            return EmailConfirmationPage.Invalid(record?.Language, request.Headers.AcceptLanguage);
        }

        return EmailConfirmationPage.Prompt(record, token!);
    });

    /// <summary>The Confirm button (form post, answered with a page) or a frontend (JSON, answered with the status).</summary>
    public Task<IResult> ConfirmEmailAsync(HttpRequest request, string journeyId, DurableTaskClient durable) => api.RunAsync(request, async () =>
    {
        reads.TakeClientRead(request); // before the link is looked up: guesses cost reads too
        bool form = RequestBody.IsForm(request);
        string? token = form
            ? (await RequestBody.ReadFormAsync(request)).TryGetValue("token", out var values) && values.Count == 1 ? values[0] : null
            : (await RequestBody.ReadJsonAsync<EmailConfirmationRequest>(request)).Token;
        if (string.IsNullOrEmpty(token))
        {
            throw Problems.Validation("token", "The token from the e-mail link is required.");
        }

        if (!JourneySecrets.IsToken(token))
        {
            throw Problems.Validation("token", "Must be the token from the e-mail link: 43 characters of A-Z, a-z, 0-9, '-' and '_'.");
        }

        (JourneyRecord? record, bool open, JourneyProgressReader.Snapshot? now) = await CheckLinkAsync(request, journeyId, token, durable);
        if (record is null || !open)
        {
            return form ? EmailConfirmationPage.Invalid(record?.Language, request.Headers.AcceptLanguage) : throw Problems.JourneyNotFound();
        }

        await limits.TakeInputAsync(record, request.HttpContext.RequestAborted);
        JourneyProgress before = inputs.RequireAccepted(now!, EmailConfirmed.Kind);
        if (!await ownership.TryClaimAsync(durable, record, request.HttpContext.RequestAborted))
        {
            return form ? EmailConfirmationPage.Taken(record.Language) : throw Problems.EmailTaken();
        }

        // A way back for the device that confirms, made before the wait (which may take the request's
        // whole time) and handed over only if the confirmation is taken.
        string resumeToken = JourneySecrets.NewToken();
        await ways.StoreAsync(journeyId, resumeToken, request.HttpContext.RequestAborted);
        (JourneyProgress after, bool applied) = await inputs.RaiseAndWaitAsync(request, durable, record, before,
            new EmailConfirmed(secrets.Candidates(SecretPurpose.EmailLink, journeyId, token)));
        if (applied && after.Stage == JourneyStage.AwaitingEmailConfirmation)
        {
            return form ? EmailConfirmationPage.Invalid(record.Language, request.Headers.AcceptLanguage) : JourneyInputRoutes.StatusResult(record, after, StatusCodes.Status200OK);
        }

        if (form)
        {
            Uri continueHere = ways.LinkFor(journeyId, resumeToken);
            return applied ? EmailConfirmationPage.Confirmed(record.Language, continueHere) : EmailConfirmationPage.Pending(record.Language, continueHere);
        }

        return new NoStoreResult(Results.Json(
            new EmailConfirmedView(JourneyStatusView.From(record, after), resumeToken),
            ApiJson.Options,
            statusCode: applied ? StatusCodes.Status200OK : StatusCodes.Status202Accepted));
    });

    /// <summary>
    /// Whether <paramref name="token"/> is the journey's current e-mail link, and the journey
    /// still waits for it (with the snapshot that says so). A wrong, replaced or used link looks exactly
    /// like an unknown journey.
    /// </summary>
    async Task<(JourneyRecord? Record, bool Open, JourneyProgressReader.Snapshot? Now)> CheckLinkAsync(
        HttpRequest request, string journeyId, string? token, DurableTaskClient durable)
    {
        if (!JourneySecrets.IsToken(token))
        {
            return (null, false, null);
        }

        JourneyRecord? record = await access.FindAsync(journeyId, request.HttpContext.RequestAborted);
        if (record?.EmailLinkHmac is null || !secrets.Candidates(SecretPurpose.EmailLink, journeyId, token).Contains(record.EmailLinkHmac))
        {
            return (null, false, null);
        }

        JourneyProgressReader.Snapshot now = await reader.ReadAsync(durable, record, request.HttpContext.RequestAborted);
        return (record, now.Progress.Accepts(EmailConfirmed.Kind, time.GetUtcNow().UtcDateTime) is not InputVerdict.WrongStage, now);
    }

    /// <summary>
    /// The profile, taken once: stored as the journey's profile input (a conditional insert) before its
    /// event names it. A different profile for a journey that has one is refused before anything is
    /// counted or written (<c>409 input-already-submitted</c>, and the stored one delivered again); the same one
    /// again is the same input. The passport's limits are taken just before the insert, and given back if
    /// another request's profile was stored first: a stored input is never taken back, so whatever raised it stands.
    /// </summary>
    public Task<IResult> SubmitProfileAsync(HttpRequest request, string journeyId, DurableTaskClient durable) => api.RunAsync(request, async () =>
    {
        JourneyRecord record = await access.AuthenticateAsync(request, journeyId, countInput: false);
        ProfileRequest body = await RequestBody.ReadJsonAsync<ProfileRequest>(request);
        var errors = new ValidationErrors();
        Profile? profile = Profile.TryCreate(
            body.GivenName, body.FamilyName, body.NameOrder, body.Nationality, body.DateOfBirth, body.PassportNumber,
            DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), errors, body.ChineseName);
        if (profile is null)
        {
            throw Problems.Validation(errors);
        }

        if (options.Value.Eligibility().Nationality(profile.Nationality) is { } refusal)
        {
            throw refusal == Ineligibility.ChineseCitizen ? Problems.ChineseCitizen() : Problems.NationalityNotSupported(profile.Nationality);
        }

        CancellationToken aborted = request.HttpContext.RequestAborted;
        JourneyProgress before = await inputs.RequireAcceptedAsync(request, durable, record, ProfileSubmitted.Kind);
        if (await store.FindProfileAsync(journeyId, aborted) is { } earlier)
        {
            return await ApplyAgainAsync(earlier, earlier.Profile == profile);
        }

        await limits.TakeInputAsync(record, aborted);
        IReadOnlyList<LimitTake.Taken> taken = await limits.TakePassportAsync(record, profile, aborted);
        JourneyInputStore.Added<JourneyInputStore.StoredProfile> added = await store.AddProfileAsync(journeyId, profile, aborted);
        if (!added.New)
        {
            await limits.GiveBackAsync(taken); // another request stored one first: this one charges nothing
            return await ApplyAgainAsync(added.Stored, added.SameContent);
        }

        if (await access.FindAsync(journeyId, aborted) is null)
        {
            // An erase began meanwhile: it marks the row before it deletes, so what it may have missed is this input.
            await store.WithdrawAsync(journeyId, added.Stored.Input, CancellationToken.None);
            throw Problems.JourneyNotFound();
        }

        return await inputs.ApplyAsync(request, durable, record, before, new ProfileSubmitted { Bound = added.Stored.Input });

        Task<IResult> ApplyAgainAsync(JourneyInputStore.StoredProfile stored, bool same) => same
            ? inputs.ApplyAsync(request, durable, record, before, new ProfileSubmitted { Bound = stored.Input })
            : inputs.RefuseForStoredAsync(request, durable, record, new ProfileSubmitted { Bound = stored.Input }, "personal details");
    });
}
