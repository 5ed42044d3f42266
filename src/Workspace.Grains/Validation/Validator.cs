using System.Net.Mail;
using Workspace.Contracts.Errors;
using Workspace.Markdown;

namespace Workspace.Grains.Validation;

/// <summary>Collects every problem with a request, then refuses it once with all of them.</summary>
public sealed class Validator
{
    private readonly List<FieldError> _errors = [];

    /// <summary>A multi-line field (Markdown, comments, notes, reasons): tabs and line breaks allowed, no other control or bidi-override characters.</summary>
    public Validator Text(string field, string? value, int max, bool required = true) =>
        Text(field, value, max, required, multiline: true);

    /// <summary>A single-line field (names, titles, questions): no control characters at all, no bidi overrides.</summary>
    public Validator Line(string field, string? value, int max, bool required = true) =>
        Text(field, value, max, required, multiline: false);

    /// <summary>Every value of a list of single-line values (addressees, agenda titles).</summary>
    public Validator Lines(string field, IEnumerable<string?> values) =>
        Check(values.All(Characters.IsSingleLine), field, ErrorCodes.InvalidCharacters);

    private Validator Text(string field, string? value, int max, bool required, bool multiline)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                _errors.Add(new FieldError(field, ErrorCodes.Required));
            }
        }
        else if (value.Length > max)
        {
            _errors.Add(new FieldError(field, ErrorCodes.TooLong, max));
        }
        else if (!(multiline ? Characters.IsMultiLine(value) : Characters.IsSingleLine(value)))
        {
            _errors.Add(new FieldError(field, ErrorCodes.InvalidCharacters));
        }

        return this;
    }

    /// <summary>Markdown that readers see rendered: refused when it nests deeper than the renderer formats (it would show as typed).</summary>
    public Validator Markdown(string field, string? value)
    {
        if (!string.IsNullOrEmpty(value) && MarkdownRenderer.IsTooDeeplyNested(value))
        {
            _errors.Add(new FieldError(field, ErrorCodes.MarkdownTooDeep, MarkdownLimits.MaxDepth));
        }

        return this;
    }

    public Validator Email(string field, string? value)
    {
        Line(field, value, Limits.EmailMax);
        if (!string.IsNullOrWhiteSpace(value) && value.Length <= Limits.EmailMax && Characters.IsSingleLine(value) && !IsEmail(value))
        {
            _errors.Add(new FieldError(field, ErrorCodes.InvalidEmail));
        }

        return this;
    }

    public Validator Password(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            _errors.Add(new FieldError(field, ErrorCodes.Required));
        }
        else if (value.Length < Limits.PasswordMin)
        {
            _errors.Add(new FieldError(field, ErrorCodes.TooShort, Limits.PasswordMin));
        }
        else if (value.Length > Limits.PasswordMax)
        {
            _errors.Add(new FieldError(field, ErrorCodes.TooLong, Limits.PasswordMax));
        }

        return this;
    }

    public Validator Country(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            _errors.Add(new FieldError(field, ErrorCodes.Required));
        }
        else if (!IsoCodes.IsCountry(value))
        {
            _errors.Add(new FieldError(field, ErrorCodes.InvalidCountry));
        }

        return this;
    }

    public Validator Codes(string field, IReadOnlyList<string>? values, int max, Func<string?, bool> isValid, string invalidCode)
    {
        if (values is null)
        {
            return this;
        }

        if (values.Count > max)
        {
            _errors.Add(new FieldError(field, ErrorCodes.TooMany, max));
        }
        else if (values.Any(v => !isValid(v)))
        {
            _errors.Add(new FieldError(field, invalidCode));
        }

        return this;
    }

    public Validator Range(string field, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            _errors.Add(new FieldError(field, ErrorCodes.OutOfRange, max));
        }

        return this;
    }

    public Validator Check(bool condition, string field, string code)
    {
        if (!condition)
        {
            _errors.Add(new FieldError(field, code));
        }

        return this;
    }

    /// <summary>Throws one validation refusal listing every problem found, if there is any.</summary>
    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw WorkspaceException.Invalid(_errors.ToArray());
        }
    }

    private static bool IsEmail(string value) =>
        MailAddress.TryCreate(value, out var address)
        && address.Address == value
        && address.Host.Contains('.', StringComparison.Ordinal);
}
