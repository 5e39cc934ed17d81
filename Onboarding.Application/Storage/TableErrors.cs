using Azure;

namespace Onboarding.Application.Storage;

/// <summary>The storage answers the application expects and acts on.</summary>
public static class TableErrors
{
    public static bool IsConflict(RequestFailedException exception) => exception.Status == 409;

    public static bool IsNotFound(RequestFailedException exception) => exception.Status == 404;

    public static bool IsPreconditionFailed(RequestFailedException exception) => exception.Status == 412;
}
