// An organization's package's signer keys: the page of /packages/{name}/keys (docs/adr/0010).
export { access, default, handler } from "../../[name]/keys.tsx";
