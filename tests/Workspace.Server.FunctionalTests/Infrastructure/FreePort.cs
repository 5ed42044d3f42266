using System.Net;
using System.Net.Sockets;

namespace Workspace.Server.FunctionalTests.Infrastructure;

/// <summary>
/// Loopback ports for hosts that run side by side. They come from below the kernel's ephemeral
/// range, so an outgoing connection cannot take one between this check and the server's bind,
/// and each is handed out once per test process.
/// </summary>
public static class FreePort
{
    private const int First = 15_000;
    private const int Last = 29_999;
    private static int _next = First + Random.Shared.Next(0, 5_000);

    public static int Next()
    {
        while (true)
        {
            var port = Interlocked.Increment(ref _next);
            if (port > Last)
            {
                Interlocked.CompareExchange(ref _next, First, port);
                continue;
            }

            if (IsFree(port))
            {
                return port;
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
