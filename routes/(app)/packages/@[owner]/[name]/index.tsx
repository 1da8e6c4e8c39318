// An organization's package (or any owner's the caller may see), addressed by its owner: the
// page of /packages/{name}, which takes the owner from the path (docs/adr/0010).
export { access, default, handler } from "../../[name]/index.tsx";
