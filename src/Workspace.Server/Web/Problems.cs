using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Workspace.Contracts.Errors;
using Workspace.Server.Localization;

namespace Workspace.Server.Web;

/// <summary>Turns refusals into problem+json with a title in the caller's language and a stable code.</summary>
public static class Problems
{
    public static int Status(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Locked => StatusCodes.Status423Locked,
        ErrorKind.Gone => StatusCodes.Status410Gone,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ProblemDetails Create(HttpContext context, int status, string code, IReadOnlyList<FieldError>? fieldErrors = null)
    {
        var catalog = context.RequestServices.GetRequiredService<ErrorCatalog>();
        var culture = CultureInfo.CurrentUICulture;
        var problem = new ProblemDetails
        {
            Status = status,
            Title = catalog.Message(code, culture),
            Type = $"https://workspace.invalid/errors/{code}",
            Instance = context.Request.Path,
        };
        problem.Extensions["code"] = code;
        if (fieldErrors is { Count: > 0 })
        {
            problem.Extensions["errors"] = fieldErrors
                .GroupBy(e => e.Field)
                .ToDictionary(g => g.Key, g => g.Select(e => catalog.Message(e.Code, culture, e.Limit)).ToArray());
            problem.Extensions["fieldErrors"] = fieldErrors;
        }

        return problem;
    }

    public static IResult Result(HttpContext context, int status, string code, IReadOnlyList<FieldError>? fieldErrors = null) =>
        TypedResults.Problem(Create(context, status, code, fieldErrors));

    public static IResult Result(HttpContext context, WorkspaceException error) =>
        Result(context, Status(error.Kind), error.Code, error.FieldErrors);

    public static Task Write(HttpContext context, int status, string code) =>
        Result(context, status, code).ExecuteAsync(context);
}
