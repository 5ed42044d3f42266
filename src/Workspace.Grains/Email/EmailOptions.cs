namespace Workspace.Grains.Email;

/// <summary>The SMTP server email leaves through, and the address links in emails point at.</summary>
public sealed class EmailOptions
{
    public const string Section = "Workspace:Email";

    /// <summary>SMTP host; empty (the embedded default) means no mail server: nothing is sent.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public EmailTlsMode TlsMode { get; set; } = EmailTlsMode.Auto;

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>The From address, e.g. workspace@ngo.example.</summary>
    public string? SenderAddress { get; set; }

    public string SenderName { get; set; } = "Workspace";

    /// <summary>The server's public address (https://workspace.ngo.example): links in emails start with it. Required with Host.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>The first wait before trying again while the mail server is unreachable; each failure doubles it.</summary>
    public TimeSpan RetryFirstDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Attempts after which a message the server refuses for good (5xx on the recipient) is marked failed.</summary>
    public int FailAfterAttempts { get; set; } = 3;

    /// <summary>How long one message may take: connecting, signing in and sending.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Sent messages whose metadata (never the content) the outbox keeps for the administrator.</summary>
    public int KeepSent { get; set; } = 500;

    /// <summary>Whether a mail server is configured; flows that need email fall back when it is not.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>How the connection to the SMTP server is secured (MailKit's SecureSocketOptions).</summary>
public enum EmailTlsMode
{
    Auto = 0,
    None = 1,
    StartTls = 2,
    SslOnConnect = 3,
}
