//! `rcard user`: account management from the command line, for the first admin and for
//! automation. It opens only the database, so it works while a server runs.

use crate::Config;
use anyhow::{Context, bail};
use app::model::account::Role;
use std::io::Read;

/// What to do.
pub enum UserArgs {
    Add {
        email: String,
        role: String,
        card: Option<String>,
        password_stdin: bool,
    },
    Reset {
        email: String,
    },
}

/// The address links point to: `RCARD_PUBLIC_URL`, else the server's own address.
fn base_url() -> String {
    std::env::var("RCARD_PUBLIC_URL")
        .ok()
        .filter(|v| !v.is_empty())
        .map(|v| v.trim_end_matches('/').to_string())
        .unwrap_or_else(|| format!("http://{}", crate::leptos_options().site_addr))
}

pub async fn run(config: &Config, args: UserArgs) -> anyhow::Result<()> {
    // accounts need no search index; an empty one in memory leaves the server's untouched
    let directory = crate::open_database_only(config).await?;
    match args {
        UserArgs::Add {
            email,
            role,
            card,
            password_stdin,
        } => {
            let role = Role::from_key(&role).context("role must be admin, staff or researcher")?;
            let password = if password_stdin {
                let mut text = String::new();
                std::io::stdin()
                    .read_to_string(&mut text)
                    .context("cannot read the password from standard input")?;
                let password = text.trim_end_matches(['\n', '\r']).to_string();
                if let Err(message) = app::model::account::check_password(&password) {
                    bail!("{message}");
                }
                Some(password)
            } else {
                None
            };
            let id = directory
                .add_account(None, &email, role, card.as_deref())
                .await?;
            match password {
                Some(password) => {
                    directory.set_password(id, &password).await?;
                    println!("created {} account {email}; it can sign in now", role.key());
                }
                None => {
                    let token = directory.issue_token(id, "invite").await?;
                    println!(
                        "created {} account {email}. Send this one-time link to set the password (valid 7 days):\n{}{}",
                        role.key(),
                        base_url(),
                        app::links::set_password(&token)
                    );
                }
            }
        }
        UserArgs::Reset { email } => match directory.reset_token_for(&email).await? {
            Some(token) => println!(
                "one-time password-reset link for {email} (valid 1 hour):\n{}{}",
                base_url(),
                app::links::set_password(&token)
            ),
            None => bail!("no account has the email {email}; create one with `rcard user add`"),
        },
    }
    Ok(())
}
