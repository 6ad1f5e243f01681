import streamlit as st

from academy.integrations import certificates
from academy.integrations.certificate_pdf import local_date
from academy.ui.state import course, db, lang, tt
from academy.ui.widgets import plain, text

# Open to everyone, logged in or not: an employer checks the code printed on a certificate.
st.title(tt("nav_verify"))
st.write(tt("verify_intro"))

asked = st.query_params.get("code", "")[: certificates.MAX_CODE_INPUT]
# a fixed key, filled from the address once: a changing default would make a new widget and lose what was typed
st.session_state.setdefault("verify_code", asked)
with st.form("verify"):
    typed = st.text_input(tt("verify_code"), key="verify_code", max_chars=certificates.MAX_CODE_INPUT)
    if st.form_submit_button(tt("verify_button"), type="primary", icon=":material/verified:"):
        asked = typed.strip()
        st.query_params["code"] = asked  # the address can be passed on

if asked:
    if certificates.normalize_code(asked) is None:
        st.error(tt("verify_bad_format"))
    else:
        with db() as s:
            found = certificates.verify(s, code=asked)
        if found is None:
            st.error(tt("verify_unknown", code=plain(asked)))
        else:
            st.success(tt("verify_ok"), icon=":material/verified:")
            details = tt(
                "verify_details",
                name=plain(found.name),
                date=local_date(found.passed_at, lang()),
                course=plain(text(course().manifest.title)),
                pct=round(found.score * 100),
            )
            st.markdown(details)
            st.caption(tt("cert_code_is", code=found.code))
