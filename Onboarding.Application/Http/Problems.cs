using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Onboarding.Domain.Journeys;
using Onboarding.Domain.Registration;
using Onboarding.Domain.Validation;

namespace Onboarding.Application.Http;

/// <summary>
/// Every error answer of the contract, built in one place on the framework's problem details:
/// RFC 9457 members, the contract's <c>code</c> and, where a problem has them, <c>errors</c>
/// (<see cref="HttpValidationProblemDetails"/>) and extension members such as <c>stage</c>.
/// </summary>
public static class Problems
{
    public static ApiProblem Validation(ValidationErrors errors) =>
        Problem(400, "validation-failed", "The request is not valid.", "One or more fields are not valid; see errors.",
            details: new HttpValidationProblemDetails(errors.ToDictionary()));

    public static ApiProblem Validation(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return Validation(errors);
    }

    public static ApiProblem MalformedJson(string detail) => Problem(400, "malformed-json", "The body is not valid JSON.", detail);

    /// <summary>The body could not be read at all (the server's framing checks failed): still the client's error, never a 500.</summary>
    public static ApiProblem UnreadableBody() =>
        MalformedJson("The body could not be read: it ended before its declared length, its chunked encoding is broken, or it arrived too slowly.");

    public static ApiProblem MissingToken() =>
        Problem(401, "missing-token", "Authentication required.", "Send the journey token as 'Authorization: Bearer <journeyToken>'.");

    public static ApiProblem OperatorKeyRequired() =>
        Problem(401, "operator-key-required", "Operator key required.", "Send a valid operator key in the 'x-functions-key' header, or sign in with an operator account.");

    public static ApiProblem OperatorRoleRequired(string role) =>
        Problem(403, "operator-role-required", "Operator role required.", $"You are signed in, but your account does not have the app role '{role}'. Ask an administrator to assign it.");

    /// <summary>Unknown journey, wrong token, wrong or used link: one answer, so nobody learns which journeys exist.</summary>
    public static ApiProblem JourneyNotFound() =>
        Problem(404, "journey-not-found", "Journey not found.", "No journey matches this id and credential.");

    public static ApiProblem NotFound() => Problem(404, "not-found", "Not found.", "There is nothing at this address.");

    public static ApiProblem MethodNotAllowed() => Problem(405, "method-not-allowed", "Method not allowed.", "This route does not accept this HTTP method.");

    public static ApiProblem JourneyInProgress() =>
        Problem(409, "journey-in-progress", "A journey is in progress.", "Another registration has confirmed this e-mail address and is still running. Finish or cancel it first.");

    /// <summary>At the e-mail confirmation: another journey confirmed the address first (or it has an account).</summary>
    public static ApiProblem EmailTaken() =>
        Problem(409, "email-already-registered", "E-mail address already registered.", "Another registration confirmed this e-mail address first.");

    public static ApiProblem BankAccountInUse() =>
        Problem(409, "bank-account-in-use", "Bank account in use.", "This bank account is verified for another person, or another person's verification with it is under way. Use an account in your own name.");

    /// <summary>The stage or cycle already took other details: an input with personal data is taken once, and never changed.</summary>
    public static ApiProblem InputAlreadySubmitted(string what) =>
        Problem(409, "input-already-submitted", "Already submitted.", $"This registration already took other {what} for this step; they cannot be changed. Wait for the step to finish (its status tells).");

    public static ApiProblem HumanCheckFailed() =>
        Problem(403, "human-check-failed", "Human check failed.", "Send a valid humanCheckToken from the human check on the page (each token works once).");

    /// <summary>Why the applicant may not use this flow (<see cref="Ineligibility"/>), as its problem.</summary>
    public static ApiProblem Ineligible(Ineligibility refusal, Applicant applicant) => refusal switch
    {
        Ineligibility.RegionNotSupported => RegionNotSupported(applicant.Region),
        Ineligibility.ChineseCitizen => ChineseCitizen(),
        Ineligibility.NationalityNotSupported => NationalityNotSupported(applicant.Nationality ?? ""),
        Ineligibility.PhoneCountryNotSupported => Problem(422, "phone-country-not-supported", "Phone number country not supported.",
            $"Codes are not texted to numbers of '{applicant.Phone.Country}' for you: use a mobile number of mainland China, of where you live ('{applicant.Region}') or of your nationality."),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, null),
    };

    /// <summary>A citizen of China: this flow is for foreigners.</summary>
    public static ApiProblem ChineseCitizen() =>
        Problem(422, "chinese-citizen", "This registration is for foreigners.",
            "Citizens of the People's Republic of China register in the domestic flow, with their resident identity card. This registration is for foreign nationals, with a passport.");

    public static ApiProblem NationalityNotSupported(string nationality)
    {
        ApiProblem problem = Problem(422, "nationality-not-supported", "Nationality not supported.", $"Citizens of '{nationality}' cannot be registered.");
        problem.Details.Extensions["nationality"] = nationality;
        return problem;
    }

    /// <summary>The number's region is not one the service sends SMS to (<c>Limits:SmsDestinations</c>).</summary>
    public static ApiProblem SmsDestinationClosed(string phoneCountry) =>
        Problem(422, "phone-country-not-supported", "Phone number country not supported.",
            $"Text messages are not sent to numbers of '{phoneCountry}'. Use a mobile number of another country.");

    public static ApiProblem StageMismatch(JourneyStage stage)
    {
        ApiProblem problem = Problem(409, "stage-mismatch", "Not possible at this stage.", $"The journey is in stage '{stage.ToWireName()}', which does not accept this request.");
        problem.Details.Extensions["stage"] = stage.ToWireName();
        return problem;
    }

    /// <summary>The user asked to erase a verified account, whose KYC record the law requires to keep until <paramref name="retainedUntil"/>.</summary>
    public static ApiProblem RetentionRequired(DateTimeOffset retainedUntil)
    {
        ApiProblem problem = Problem(409, "retention-required", "The account's identity record must be kept.",
            $"This account is verified: its identity (KYC) record must be kept until {retainedUntil.UtcDateTime:yyyy-MM-dd}. Your request is recorded, and the record is erased then.");
        problem.Details.Extensions["retainedUntil"] = retainedUntil.UtcDateTime;
        return problem;
    }

    public static ApiProblem IdempotencyKeyReused() =>
        Problem(422, "idempotency-key-reused", "Idempotency key reused.", "This Idempotency-Key was used with a different request body.");

    public static ApiProblem PayloadTooLarge(int limit) =>
        Problem(413, "payload-too-large", "The body is too large.", $"Request bodies are limited to {limit / 1024} KiB.");

    public static ApiProblem UnsupportedMediaType(string expected) =>
        Problem(415, "unsupported-media-type", "Unsupported media type.", $"Send the body as {expected}.");

    public static ApiProblem RegionNotSupported(string region) =>
        Problem(422, "region-not-supported", "Region not supported.", $"Onboarding is not available for region '{region}'.");

    public static ApiProblem HolderNameMismatch() =>
        Problem(422, "holder-name-mismatch", "The account holder's name does not match.",
            "The account holder name must be the name in your profile. Check the order of your name: banks often write the family name first (for example \"SMITH ANNA\" for Anna Smith).");

    /// <summary>A limit was met (<paramref name="limit"/> names which, as the member <c>limit</c>).</summary>
    public static ApiProblem TooManyRequests(string limit, string detail, TimeSpan retryAfter)
    {
        ApiProblem problem = Problem(429, "too-many-requests", "Too many requests.", detail, retryAfter);
        problem.Details.Extensions["limit"] = limit;
        return problem;
    }

    /// <summary>The stage takes this kind of input, but its allowance (<paramref name="limit"/>) is used up.</summary>
    public static ApiProblem NoTriesLeft(string limit, TimeSpan retryAfter) => TooManyRequests(limit, limit switch
    {
        JourneyAllowances.CodeAttempts => "This code cannot be used any more (no tries left, or it expired): ask for a new one.",
        JourneyAllowances.Resends => "No resends are left for this step.",
        _ => "This step takes no more tries.",
    }, retryAfter);

    public static ApiProblem Internal() =>
        Problem(500, "internal-error", "Something went wrong on our side.", "The request could not be completed. It is safe to retry.");

    /// <summary>The journey's orchestration has not run yet (or its first run is being recovered): an input now could be lost.</summary>
    public static ApiProblem JourneyStarting() =>
        Problem(503, "unavailable", "The journey is starting.", "The journey is not ready for input yet. Retry in a moment.", TimeSpan.FromSeconds(2));

    public static ApiProblem Unavailable() =>
        Problem(503, "unavailable", "Service unavailable.", "A dependency is not answering. Retry shortly.", TimeSpan.FromSeconds(5));

    /// <summary>The contract's members on the framework's problem details (or on a subtype that adds its own, such as <c>errors</c>).</summary>
    static ApiProblem Problem(int status, string code, string title, string detail, TimeSpan? retryAfter = null, ProblemDetails? details = null)
    {
        details ??= new ProblemDetails();
        details.Type = "about:blank";
        details.Status = status;
        details.Title = title;
        details.Detail = detail;
        details.Extensions["code"] = code;
        return new ApiProblem(details, retryAfter);
    }
}
