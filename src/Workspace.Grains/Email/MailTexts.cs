namespace Workspace.Grains.Email;

/// <summary>
/// One message's wording in one language. Placeholders in braces ({name}, {link}, {minutes}, {group},
/// {inviter}, {role}, {expires}) are filled in by <see cref="MailTemplates"/>.
/// </summary>
internal sealed record MailText(string Subject, string Greeting, string[] Paragraphs, string Action, string Closing);

/// <summary>The wording of every message kind in English, Spanish and Brazilian Portuguese.</summary>
internal static class MailTexts
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, MailText>> All = new Dictionary<string, IReadOnlyDictionary<string, MailText>>
    {
        [MailKinds.ConfirmEmail] = new Dictionary<string, MailText>
        {
            ["en"] = new("Confirm your email address", "Hello {name},",
                ["Please confirm that this is your email address by opening the link below. Until you do, nobody can find or appoint you by this address."],
                "Confirm my email address", "If you did not create an account in the Workspace, you can ignore this message."),
            ["es"] = new("Confirme su dirección de correo", "Hola, {name}:",
                ["Confirme que esta es su dirección de correo abriendo el enlace de abajo. Hasta que lo haga, nadie podrá encontrarle ni designarle por esta dirección."],
                "Confirmar mi dirección de correo", "Si no creó una cuenta en el Workspace, puede ignorar este mensaje."),
            ["pt"] = new("Confirme seu endereço de e-mail", "Olá, {name},",
                ["Confirme que este é o seu endereço de e-mail abrindo o link abaixo. Até que você confirme, ninguém poderá encontrar você nem designar você por este endereço."],
                "Confirmar meu endereço de e-mail", "Se você não criou uma conta no Workspace, pode ignorar esta mensagem."),
        },
        [MailKinds.ConfirmNewEmail] = new Dictionary<string, MailText>
        {
            ["en"] = new("Confirm your new email address", "Hello {name},",
                ["You asked to change the email address of your Workspace account to this one. Open the link below to confirm it; your account keeps its old address until you do."],
                "Confirm my new email address", "If you did not ask for this change, ignore this message: nothing changes."),
            ["es"] = new("Confirme su nueva dirección de correo", "Hola, {name}:",
                ["Pidió cambiar la dirección de correo de su cuenta del Workspace por esta. Abra el enlace de abajo para confirmarla; su cuenta conserva la dirección anterior hasta que lo haga."],
                "Confirmar mi nueva dirección de correo", "Si no pidió este cambio, ignore este mensaje: nada cambia."),
            ["pt"] = new("Confirme seu novo endereço de e-mail", "Olá, {name},",
                ["Você pediu para mudar o endereço de e-mail da sua conta no Workspace para este. Abra o link abaixo para confirmá-lo; sua conta mantém o endereço antigo até você confirmar."],
                "Confirmar meu novo endereço de e-mail", "Se você não pediu esta mudança, ignore esta mensagem: nada muda."),
        },
        [MailKinds.PasswordReset] = new Dictionary<string, MailText>
        {
            ["en"] = new("Reset your password", "Hello {name},",
                ["Someone (hopefully you) asked to reset the password of your Workspace account. Open the link below to choose a new one. The link works once, for {minutes} minutes.", "Choosing a new password signs you out everywhere."],
                "Choose a new password", "If you did not ask for this, ignore this message: your password stays as it is."),
            ["es"] = new("Restablezca su contraseña", "Hola, {name}:",
                ["Alguien (esperamos que usted) pidió restablecer la contraseña de su cuenta del Workspace. Abra el enlace de abajo para elegir una nueva. El enlace sirve una sola vez, durante {minutes} minutos.", "Al elegir una nueva contraseña se cierran todas sus sesiones."],
                "Elegir una nueva contraseña", "Si no lo pidió, ignore este mensaje: su contraseña no cambia."),
            ["pt"] = new("Redefina sua senha", "Olá, {name},",
                ["Alguém (esperamos que você) pediu para redefinir a senha da sua conta no Workspace. Abra o link abaixo para escolher uma nova. O link funciona uma única vez, por {minutes} minutos.", "Ao escolher uma nova senha, todas as suas sessões são encerradas."],
                "Escolher uma nova senha", "Se você não pediu isto, ignore esta mensagem: sua senha continua a mesma."),
        },
        [MailKinds.Invitation] = new Dictionary<string, MailText>
        {
            ["en"] = new("Invitation to the working group {group}", "Hello,",
                ["{inviter} invites you to join the working group {group} in the Workspace as {role}.", "Open the link below to accept; it is meant for this email address only and works until {expires}."],
                "Accept the invitation", "If you do not know why you received this, you can ignore it."),
            ["es"] = new("Invitación al grupo de trabajo {group}", "Hola:",
                ["{inviter} le invita a unirse al grupo de trabajo {group} en el Workspace como {role}.", "Abra el enlace de abajo para aceptar; es solo para esta dirección de correo y sirve hasta el {expires}."],
                "Aceptar la invitación", "Si no sabe por qué recibió este mensaje, puede ignorarlo."),
            ["pt"] = new("Convite para o grupo de trabalho {group}", "Olá,",
                ["{inviter} convida você para participar do grupo de trabalho {group} no Workspace como {role}.", "Abra o link abaixo para aceitar; ele é só para este endereço de e-mail e funciona até {expires}."],
                "Aceitar o convite", "Se você não sabe por que recebeu esta mensagem, pode ignorá-la."),
        },
    };

    /// <summary>Group roles as the invitation names them.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Roles = new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        ["en"] = new Dictionary<string, string> { ["facilitator"] = "facilitator", ["member"] = "member", ["observer"] = "observer" },
        ["es"] = new Dictionary<string, string> { ["facilitator"] = "facilitador/a", ["member"] = "miembro", ["observer"] = "observador/a" },
        ["pt"] = new Dictionary<string, string> { ["facilitator"] = "facilitador(a)", ["member"] = "membro", ["observer"] = "observador(a)" },
    };
}
