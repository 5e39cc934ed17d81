namespace Onboarding.Application.Http;

/// <summary>
/// Every route of the contract, as both hosts bind it. The Functions app runs with an empty
/// route prefix (host.json) so that <c>/api/...</c>, <c>/dev/...</c> and <c>/ops</c> are all reachable.
/// </summary>
public static class ApiRoutes
{
    public const string Journeys = "api/journeys";
    public const string Journey = "api/journeys/{journeyId}";
    public const string PhoneCode = "api/journeys/{journeyId}/phone-code";
    public const string PhoneCodeResend = "api/journeys/{journeyId}/phone-code/resend";
    public const string EmailConfirmation = "api/journeys/{journeyId}/email-confirmation";
    public const string EmailConfirmationResend = "api/journeys/{journeyId}/email-confirmation/resend";
    public const string Profile = "api/journeys/{journeyId}/profile";
    public const string Verification = "api/journeys/{journeyId}/verification";
    public const string DepositAmounts = "api/journeys/{journeyId}/deposit-amounts";
    public const string Erase = "api/journeys/{journeyId}/erase";
    public const string JourneyEvents = "api/journeys/{journeyId}/events";
    public const string Resume = "api/journeys/{journeyId}/resume";
    public const string ResumeLinks = "api/resume-links";
    public const string RegistrationOptions = "api/registration-options";
    public const string Health = "api/health";
    public const string OpenApi = "api/openapi.yaml";

    public const string OpsJourneys = "api/ops/journeys";
    public const string OpsJourney = "api/ops/journeys/{journeyId}";
    public const string OpsTerminate = "api/ops/journeys/{journeyId}/terminate";
    public const string OpsUnlock = "api/ops/journeys/{journeyId}/unlock";
    public const string OpsJourneyEvents = "api/ops/journeys/{journeyId}/events";
    public const string OpsFunnel = "api/ops/funnel";
    public const string OpsActions = "api/ops/actions";
    public const string OpsPage = "ops";

    /// <summary>The operator page's script and stylesheet.</summary>
    public const string OpsPageFile = "ops/{file}";

    /// <summary>The web app's page, at the site's root (the local host maps it as <c>/</c>).</summary>
    public const string WebApp = "";

    /// <summary>
    /// The same root for an Azure Functions trigger: an empty route would mean the function's name, and an
    /// optional parameter that can only be empty matches <c>/</c> alone.
    /// </summary>
    public const string WebAppFunctionsRoute = "{root:maxlength(0)?}";

    /// <summary>The web app's scripts, styles and icon.</summary>
    public const string WebAppFile = "app/{file}";

    public const string DevOutbox = "dev/outbox";
    public const string DevOutboxMessages = "dev/outbox/messages";
    public const string DevBankTransfers = "dev/bank/transfers";
    public const string DevEvents = "dev/events";
}
