using Microsoft.AspNetCore.SignalR;
using Workspace.Contracts.Errors;
using Workspace.Server.Web;

namespace Workspace.Server.Live;

/// <summary>
/// Ties every live connection to its cookie's sign-in: followed while the connection lives, and a call
/// on a connection whose sign-in ended is refused (<c>auth.unauthenticated</c>) even while its close is
/// still under way.
/// </summary>
public sealed class SignInFilter(SignInWatch watch) : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next) =>
        watch.HasEnded(invocationContext.Context.ConnectionId)
            ? throw new WorkspaceException(ErrorKind.Unauthenticated, ErrorCodes.Unauthenticated)
            : invocationContext.Context.User?.MustEnrol() == true // the gate refuses such connections already; never a call either
                ? throw WorkspaceException.Forbidden(ErrorCodes.SecondFactorEnrolmentRequired)
                : next(invocationContext);

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        await watch.Connected(context.Context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            await watch.Disconnected(context.Context.ConnectionId);
        }
    }
}
